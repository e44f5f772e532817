import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { NOTIFICATION_TYPES, type NotificationType } from '../notifications/notification-composer';
import { PreferenceDto, UpdatePreferenceDto } from './dto/preference.dto';
import { DEFAULT_PREFERENCE, PreferencesRepository } from './preferences.repository';

@ApiTags('preferences')
@Controller('api/notifications/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesRepository) {}

  @Get()
  @ApiOkResponse({ type: [PreferenceDto], description: 'every event type, defaults filled in' })
  async list(@CurrentUser() caller: AuthenticatedUser): Promise<PreferenceDto[]> {
    const stored = await this.preferences.list(caller.id);
    return NOTIFICATION_TYPES.map((eventType) => ({ eventType, ...(stored.get(eventType) ?? DEFAULT_PREFERENCE) }));
  }

  @Put(':eventType')
  @ApiOkResponse({ type: PreferenceDto })
  async update(@CurrentUser() caller: AuthenticatedUser, @Param('eventType') eventType: string, @Body() body: UpdatePreferenceDto): Promise<PreferenceDto> {
    if (!NOTIFICATION_TYPES.includes(eventType as NotificationType)) {
      throw new NotFoundException(`Unknown event type "${eventType}"; known: ${NOTIFICATION_TYPES.join(', ')}`);
    }
    const preference = { inApp: body.inApp, email: body.email, webhook: body.webhook };
    await this.preferences.upsert(caller.id, eventType, preference);
    return { eventType, ...preference };
  }
}

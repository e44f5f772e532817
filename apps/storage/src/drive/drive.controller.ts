import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { DriveService, type EntryPage } from './drive.service';
import { EntryDto, EntryPageDto, ListQueryDto, SearchQueryDto, UsageDto } from './dto/entry.dto';

const uuid = new ParseUUIDPipe({ version: '4' });

export function toPageDto(page: EntryPage): EntryPageDto {
  return { items: page.items.map(EntryDto.from), nextCursor: page.nextCursor };
}

@ApiTags('drive')
@Controller('api/storage/workspaces/:workspaceId')
export class DriveController {
  constructor(private readonly drive: DriveService) {}

  @Get('entries')
  @ApiOkResponse({ type: EntryPageDto, description: 'the contents of a folder, folders first, by name' })
  async list(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Query() query: ListQueryDto): Promise<EntryPageDto> {
    return toPageDto(await this.drive.list(ws, caller, query.folderId ?? null, query));
  }

  @Get('search')
  @ApiOkResponse({ type: EntryPageDto })
  async search(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Query() query: SearchQueryDto): Promise<EntryPageDto> {
    return toPageDto(await this.drive.search(ws, caller, query.q, query));
  }

  @Get('usage')
  @ApiOkResponse({ type: UsageDto })
  usage(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string): Promise<UsageDto> {
    return this.drive.usage(ws, caller);
  }
}

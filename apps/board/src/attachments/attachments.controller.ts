import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { uuid } from '../common/params';
import { AttachmentsService } from './attachments.service';
import { AttachmentDownloadDto, AttachmentDto, RequestUploadDto, UploadTicketDto } from './dto/attachment.dto';

@ApiTags('attachments')
@Controller('api/boards')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('tasks/:taskId/attachments')
  @ApiCreatedResponse({ type: UploadTicketDto, description: 'A pending attachment and the presigned form to upload it with; then call complete' })
  async requestUpload(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) taskId: string, @Body() body: RequestUploadDto): Promise<UploadTicketDto> {
    const { attachment, upload } = await this.attachments.requestUpload(caller, taskId, body);
    return {
      attachment: AttachmentDto.from(attachment),
      upload: { method: 'POST', url: upload.url, fields: upload.fields, expiresAt: upload.expiresAt.toISOString() },
    };
  }

  @Get('tasks/:taskId/attachments')
  @ApiOkResponse({ type: [AttachmentDto], description: 'Completed attachments, oldest first' })
  async list(@CurrentUser() caller: AuthenticatedUser, @Param('taskId', uuid) taskId: string): Promise<AttachmentDto[]> {
    return (await this.attachments.list(caller, taskId)).map(AttachmentDto.from);
  }

  @Post('attachments/:attachmentId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: AttachmentDto, description: '409 while the object is missing, 422 when it does not match the declaration' })
  async complete(@CurrentUser() caller: AuthenticatedUser, @Param('attachmentId', uuid) id: string): Promise<AttachmentDto> {
    return AttachmentDto.from(await this.attachments.complete(caller, id));
  }

  @Get('attachments/:attachmentId')
  @ApiOkResponse({ type: AttachmentDownloadDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('attachmentId', uuid) id: string): Promise<AttachmentDownloadDto> {
    const { attachment, url, expiresAt } = await this.attachments.download(caller, id);
    return { ...AttachmentDto.from(attachment), downloadUrl: url, downloadExpiresAt: expiresAt.toISOString() };
  }

  @Delete('attachments/:attachmentId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The uploader, or workspace owners and admins' })
  async delete(@CurrentUser() caller: AuthenticatedUser, @Param('attachmentId', uuid) id: string): Promise<void> {
    await this.attachments.delete(caller, id);
  }
}

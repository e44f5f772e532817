import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { FileDto } from '../files/dto/file.dto';
import { CompleteUploadDto, CreateUploadDto, PartUrlsDto, PresignPartsDto, UploadDto } from './dto/upload.dto';
import { UploadsService } from './uploads.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('uploads')
@Controller('api/storage/workspaces/:workspaceId/uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @ApiCreatedResponse({ type: UploadDto, description: 'a presigned PUT, or the part plan of a multipart upload' })
  async request(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Body() body: CreateUploadDto): Promise<UploadDto> {
    const started = await this.uploads.request(ws, caller, body);
    return {
      file: FileDto.from(started.file),
      expiresAt: (started.file.expiresAt as Date).toISOString(),
      ...(started.put ? { put: { url: started.put.url, headers: started.put.headers } } : {}),
      ...(started.multipart ? { multipart: started.multipart } : {}),
    };
  }

  @Post(':fileId/parts')
  @HttpCode(200)
  @ApiOkResponse({ type: PartUrlsDto })
  async parts(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('fileId', uuid) id: string,
    @Body() body: PresignPartsDto,
  ): Promise<PartUrlsDto> {
    const { urls, expiresAt } = await this.uploads.presignParts(ws, caller, id, body.partNumbers);
    return { parts: urls, expiresAt: expiresAt.toISOString() };
  }

  @Post(':fileId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: FileDto, description: 'the verified, now visible file' })
  async complete(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('fileId', uuid) id: string,
    @Body() body: CompleteUploadDto,
  ): Promise<FileDto> {
    return FileDto.from(await this.uploads.complete(ws, caller, id, body.parts));
  }

  @Delete(':fileId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the pending upload and anything already uploaded are gone' })
  async abort(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('fileId', uuid) id: string): Promise<void> {
    await this.uploads.abort(ws, caller, id);
  }
}

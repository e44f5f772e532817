import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@wealist/auth-guard';
import { RenameDto } from '../folders/dto/folder.dto';
import { DownloadDto, FileDto, MoveFileDto } from './dto/file.dto';
import { FilesService } from './files.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('files')
@Controller('api/storage/workspaces/:workspaceId/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Get(':fileId')
  @ApiOkResponse({ type: FileDto })
  async get(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('fileId', uuid) id: string): Promise<FileDto> {
    return FileDto.from(await this.files.get(ws, caller, id));
  }

  @Get(':fileId/download')
  @ApiOkResponse({ type: DownloadDto })
  async download(@CurrentUser() caller: AuthenticatedUser, @Param('workspaceId', uuid) ws: string, @Param('fileId', uuid) id: string): Promise<DownloadDto> {
    const link = await this.files.downloadLink(ws, caller, id);
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  @Patch(':fileId')
  @ApiOkResponse({ type: FileDto })
  async rename(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('fileId', uuid) id: string,
    @Body() body: RenameDto,
  ): Promise<FileDto> {
    return FileDto.from(await this.files.rename(ws, caller, id, body.name));
  }

  @Post(':fileId/move')
  @HttpCode(200)
  @ApiOkResponse({ type: FileDto })
  async move(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('workspaceId', uuid) ws: string,
    @Param('fileId', uuid) id: string,
    @Body() body: MoveFileDto,
  ): Promise<FileDto> {
    return FileDto.from(await this.files.move(ws, caller, id, body.folderId));
  }
}

import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Min } from 'class-validator';
import type { AttachmentEntity } from '../attachment.entity';

export class RequestUploadDto {
  @ApiProperty({ minLength: 1, maxLength: 255, description: 'Shown and used as the download name' })
  @IsString()
  @Length(1, 255)
  fileName: string;

  @ApiProperty({ example: 'image/png', description: 'Bound into the upload signature; checked against the bytes at completion' })
  @IsString()
  @Length(1, 100)
  contentType: string;

  @ApiProperty({ minimum: 0, description: 'Exact size in bytes, bound into the upload signature (413 above the limit)' })
  @IsInt()
  @Min(0)
  size: number;
}

export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() taskId: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty({ enum: ['pending', 'ready'] }) status: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;

  static from(a: AttachmentEntity): AttachmentDto {
    return {
      id: a.id,
      taskId: a.taskId,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      status: a.status,
      uploadedBy: a.uploadedBy,
      createdAt: a.createdAt.toISOString(),
      completedAt: a.completedAt?.toISOString() ?? null,
    };
  }
}

export class UploadFormDto {
  @ApiProperty({ enum: ['POST'] }) method: 'POST';
  @ApiProperty({ description: 'POST a multipart/form-data body here' }) url: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Send every field, then the file as field "file" (last)' })
  fields: Record<string, string>;
  @ApiProperty() expiresAt: string;
}

export class UploadTicketDto {
  @ApiProperty({ type: AttachmentDto }) attachment: AttachmentDto;
  @ApiProperty({ type: UploadFormDto }) upload: UploadFormDto;
}

export class AttachmentDownloadDto extends AttachmentDto {
  @ApiProperty({ description: 'Presigned GET, valid until downloadExpiresAt' }) downloadUrl: string;
  @ApiProperty() downloadExpiresAt: string;
}

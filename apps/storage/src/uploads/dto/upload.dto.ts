import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsItemName } from '../../common/item-name.validator';
import { FileDto } from '../../files/dto/file.dto';

export const MAX_PARTS = 10_000;

export class CreateUploadDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'omitted or null: the workspace root' })
  @IsOptional()
  @IsUUID('4')
  folderId?: string | null;

  @IsItemName()
  name: string;

  @ApiProperty({ minimum: 0, description: 'exact size in bytes; the upload is refused at completion if it differs' })
  @IsInt()
  @Min(0)
  size: number;

  @ApiProperty({ example: 'application/pdf', description: 'checked against the first bytes at completion' })
  @IsString()
  @MaxLength(127)
  contentType: string;

  @ApiPropertyOptional({ default: false, description: 'upload in parts (required above the single-upload limit)' })
  @IsOptional()
  @IsBoolean()
  multipart?: boolean;
}

export class PresignPartsDto {
  @ApiProperty({ type: [Number], description: 'part numbers (1-based), at most 100 per call' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_PARTS, { each: true })
  partNumbers: number[];
}

export class UploadedPartDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_PARTS) partNumber: number;
  @ApiProperty({ description: 'the ETag header of the part PUT' }) @IsString() @MaxLength(128) etag: string;
}

export class CompleteUploadDto {
  @ApiPropertyOptional({ type: [UploadedPartDto], description: 'multipart uploads only: every part, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PARTS)
  @ValidateNested({ each: true })
  @Type(() => UploadedPartDto)
  parts?: UploadedPartDto[];
}

export class PresignedPutDto {
  @ApiProperty({ description: 'PUT the file here' }) url: string;
  @ApiProperty({ description: 'send exactly these headers: Content-Type and Content-Length are part of the signature' })
  headers: Record<string, string>;
}

export class MultipartPlanDto {
  @ApiProperty() partSize: number;
  @ApiProperty() partCount: number;
}

export class UploadDto {
  @ApiProperty({ type: FileDto, description: 'the file as it will appear once completed' }) file: FileDto;
  @ApiProperty() expiresAt: string;
  @ApiPropertyOptional({ type: PresignedPutDto, description: 'single uploads' }) put?: PresignedPutDto;
  @ApiPropertyOptional({ type: MultipartPlanDto }) multipart?: MultipartPlanDto;
}

export class PartUrlDto {
  @ApiProperty() partNumber: number;
  @ApiProperty({ description: 'PUT the part here; keep the ETag response header' }) url: string;
}

export class PartUrlsDto {
  @ApiProperty({ type: [PartUrlDto] }) parts: PartUrlDto[];
  @ApiProperty() expiresAt: string;
}

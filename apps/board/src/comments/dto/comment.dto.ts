import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Min } from 'class-validator';
import type { CommentEntity } from '../comment.entity';

export class CreateCommentDto {
  @ApiProperty({ minLength: 1, maxLength: 10_000 })
  @IsString()
  @Length(1, 10_000)
  body: string;
}

export class UpdateCommentDto extends CreateCommentDto {
  @ApiProperty({ description: 'The version this change is based on; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CommentDto {
  @ApiProperty() id: string;
  @ApiProperty() taskId: string;
  @ApiProperty() authorId: string;
  @ApiProperty() body: string;
  @ApiProperty() edited: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(c: CommentEntity): CommentDto {
    return {
      id: c.id,
      taskId: c.taskId,
      authorId: c.authorId,
      body: c.body,
      edited: c.version > 1,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

export class CommentPageDto {
  @ApiProperty({ type: [CommentDto] }) items: CommentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

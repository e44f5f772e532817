import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@wealist/messaging';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import type { MemberRow, WorkspaceWithRole } from '../workspaces.repository';

export class CreateWorkspaceDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class AddMemberDto {
  @ApiProperty({ format: 'email' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES)
  role: WorkspaceRole;
}

export class UpdateMemberDto {
  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES)
  role: WorkspaceRole;
}

export class WorkspaceDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: WORKSPACE_ROLES, description: "the caller's role" }) role: WorkspaceRole;
  @ApiProperty() memberCount: number;
  @ApiProperty() createdAt: string;

  static from(w: WorkspaceWithRole): WorkspaceDto {
    return { id: w.id, name: w.name, role: w.role, memberCount: Number(w.memberCount), createdAt: new Date(w.createdAt).toISOString() };
  }
}

export class MemberDto {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: WORKSPACE_ROLES }) role: WorkspaceRole;
  @ApiProperty() joinedAt: string;

  static from(m: MemberRow): MemberDto {
    return { userId: m.userId, email: m.email, name: m.name, role: m.role, joinedAt: new Date(m.joinedAt).toISOString() };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { RoomEntity } from './room.entity';

@Injectable()
export class RoomsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(RoomEntity);
  }

  async create(data: Pick<RoomEntity, 'workspaceId' | 'name' | 'maxParticipants' | 'createdBy'>): Promise<RoomEntity> {
    return this.repo.save(this.repo.create(data));
  }

  listForWorkspace(workspaceId: string): Promise<RoomEntity[]> {
    return this.repo.find({ where: { workspaceId, deletedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(workspaceId: string, id: string): Promise<RoomEntity | null> {
    return this.repo.findOneBy({ workspaceId, id, deletedAt: IsNull() });
  }

  /** For webhooks, which name rooms only by id (deleted rooms still get their calls closed). */
  findById(id: string): Promise<RoomEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async softDelete(id: string): Promise<void> {
    await this.repo.update({ id }, { deletedAt: new Date() });
  }
}

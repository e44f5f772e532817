import { ApiProperty } from '@nestjs/swagger';

export class IceServerDto {
  @ApiProperty({ type: [String] }) urls: string[];
  @ApiProperty({ required: false, description: 'TURN only: <unix expiry>:<user id>' }) username?: string;
  @ApiProperty({ required: false, description: 'TURN only: time-limited password' }) credential?: string;
}

export class JoinDto {
  @ApiProperty({ description: 'LiveKit URL to connect to (ws/wss)' }) url: string;
  @ApiProperty({ description: 'LiveKit access token for this room and user' }) token: string;
  @ApiProperty({ type: [IceServerDto], description: 'pass as rtcConfig.iceServers' }) iceServers: IceServerDto[];
  @ApiProperty() roomId: string;
  @ApiProperty() roomName: string;
  @ApiProperty({ description: 'the LiveKit identity: the user id' }) identity: string;
  @ApiProperty({ description: 'the token carries roomAdmin (mute/remove others)' }) moderator: boolean;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'when the TURN credentials stop working' }) iceExpiresAt: string | null;
}

import { Module } from '@nestjs/common';
import { PasswordHasher } from '../passwords/password.hasher';
import { RefreshTokenStore } from '../tokens/refresh-token.store';
import { TokenIssuer } from '../tokens/token.issuer';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';

@Module({
  controllers: [AuthController],
  providers: [AuthService, PasswordHasher, TokenIssuer, RefreshTokenStore, LoginThrottle],
  exports: [AuthService],
})
export class AuthModule {}

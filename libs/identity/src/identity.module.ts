import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { AuditModule } from '@app/audit';
import { AccessGuard } from './access.guard';
import { JWT_ALGORITHM } from './access-token';
import { WebSessionController } from './web-session.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginAttempts } from './login-attempts';
import { MaskedIdNumbers } from './masked-id-numbers';
import { Organisation } from './organisation.entity';
import { piiCipherProvider } from './pii-cipher';
import { PrincipalCache } from './principal-cache';
import { PrincipalResolver } from './principal-resolver';
import { OptionalUserResolver } from './optional-user';
import { RefreshToken } from './refresh-token.entity';
import { RefreshTokenRepository } from './refresh-token.repository';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationsService } from './organisations.service';
import { UserRepository } from './user.repository';
import { UserDirectory } from './user-directory';
import { ThrottleRedisModule } from './throttle';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * What other domains may read of identity without any key: organisations and user summaries.
 * The worker and the command-line tools import this; it never needs PII_ENCRYPTION_KEY.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User, Organisation])],
  providers: [UserRepository, OrganisationRepository, OrganisationsService, UserDirectory],
  exports: [UserRepository, OrganisationRepository, OrganisationsService, UserDirectory],
})
export class IdentityDirectoryModule {}

/**
 * Masked personal data for documents (rosters), for tools that hold PII_ENCRYPTION_KEY but need
 * neither HTTP, tokens nor Redis.
 */
@Module({
  imports: [IdentityDirectoryModule],
  providers: [piiCipherProvider, MaskedIdNumbers],
  exports: [MaskedIdNumbers],
})
export class IdentityPiiModule {}

/**
 * Users, organisations, tokens and personal-data encryption. The API registers AccessGuard as
 * APP_GUARD (see apps/api/src/api.module.ts); scripts use the services from an application context.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshToken]),
    IdentityDirectoryModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to read it
        // as a public key on every verify, which costs more than the HMAC itself. Made once, not
        // per token.
        const key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: JWT_ALGORITHM },
          verifyOptions: { algorithms: [JWT_ALGORITHM] },
        };
      },
    }),
    AuditModule,
    ThrottleRedisModule,
  ],
  controllers: [AuthController, WebSessionController, UsersController],
  providers: [
    piiCipherProvider,
    PrincipalCache,
    PrincipalResolver,
    RefreshTokenRepository,
    UsersService,
    LoginAttempts,
    AuthService,
    AccessGuard,
    OptionalUserResolver,
  ],
  exports: [
    OptionalUserResolver,
    piiCipherProvider,
    PrincipalCache,
    PrincipalResolver,
    UsersService,
    AuthService,
    AccessGuard,
    JwtModule,
    IdentityDirectoryModule,
  ],
})
export class IdentityModule {}

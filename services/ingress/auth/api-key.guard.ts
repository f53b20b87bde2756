import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { errors } from '../../../libs/contracts';
import { ApiKeysService } from './api-keys.service';
import { IS_PUBLIC } from './public.decorator';

export interface AuthenticatedRequest extends FastifyRequest {
  apiKeyId?: string;
}

/**
 * `Authorization: Bearer <key>` on every route not marked @Public(), or `x-api-key: <key>` as
 * Anthropic's clients send it (Claude Code with ANTHROPIC_API_KEY).
 * https://docs.anthropic.com/en/api/overview#authentication
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = bearerKey(request.headers.authorization) ?? apiKeyHeader(request.headers['x-api-key']);
    const keyId = key ? this.keys.authenticate(key) : undefined;
    if (!keyId) throw errors.unauthorized();
    request.apiKeyId = keyId;
    return true;
  }
}

function bearerKey(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

function apiKeyHeader(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? header.trim() : undefined;
}

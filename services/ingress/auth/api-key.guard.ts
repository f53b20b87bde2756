import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { errors } from '../../../libs/contracts';
import { KeyDirectory } from './key-directory';
import type { Principal } from './principal';
import { ACCESS, type Access } from './public.decorator';

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}

/**
 * `Authorization: Bearer <key>` on every route not marked @Public(), or `x-api-key: <key>` as
 * Anthropic's clients send it (Claude Code with ANTHROPIC_API_KEY); @AdminOnly() routes take the
 * admin key alone, as OpenRouter's management endpoints do.
 * https://docs.anthropic.com/en/api/overview#authentication
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: KeyDirectory,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = bearerKey(request.headers.authorization) ?? apiKeyHeader(request.headers['x-api-key']);
    if (!key) throw errors.unauthorized();
    const principal = this.keys.authenticate(key);
    if (access === 'admin' && principal.kind !== 'admin') {
      throw this.keys.adminConfigured
        ? errors.forbidden('Only management keys can perform this operation')
        : errors.forbidden('The keys API is off: set SWITCHYARD_ADMIN_KEY to manage keys.');
    }
    request.principal = principal;
    return true;
  }
}

/** The scheme is case-insensitive (RFC 9110 §11.1), so `bearer` is as good as `Bearer`. */
function bearerKey(header: string | undefined): string | undefined {
  const match = header?.match(/^bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

function apiKeyHeader(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
}

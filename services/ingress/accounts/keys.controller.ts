import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { AccountsOperation } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { AdminOnly } from '../auth/public.decorator';
import { askService } from '../service-query';

const TIMEOUT_MS = 5000;

/**
 * OpenRouter's key management API, for the admin (management) key only. Metrics owns keys (in
 * Postgres) and answers each call with the body to send; the plaintext of a new key appears only
 * in the answer to POST, never again.
 * https://openrouter.ai/docs/guides/overview/auth/management-api-keys
 */
@AdminOnly()
@Controller(['api/v1/keys', 'v1/keys'])
export class KeysController {
  constructor(private readonly bus: Bus) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown) {
    return this.ask('keys.create', { body });
  }

  @Get()
  list(@Query() query: Record<string, unknown>) {
    return this.ask('keys.list', { query });
  }

  @Get(':hash')
  get(@Param('hash') hash: string) {
    return this.ask('keys.get', { hash });
  }

  @Patch(':hash')
  update(@Param('hash') hash: string, @Body() body: unknown) {
    return this.ask('keys.update', { hash, body });
  }

  @Delete(':hash')
  remove(@Param('hash') hash: string) {
    return this.ask('keys.delete', { hash });
  }

  /** BYOK: the key's own credential for a provider, sealed at rest; the key's requests to it use it. */
  @Post(':hash/byok')
  @HttpCode(201)
  putByok(@Param('hash') hash: string, @Body() body: unknown) {
    return this.ask('byok.put', { hash, body });
  }

  @Get(':hash/byok')
  listByok(@Param('hash') hash: string) {
    return this.ask('byok.list', { hash });
  }

  @Delete(':hash/byok/:provider')
  removeByok(@Param('hash') hash: string, @Param('provider') provider: string) {
    return this.ask('byok.delete', { hash, provider });
  }

  private ask(operation: AccountsOperation, request: Record<string, unknown>) {
    return askService(this.bus, this.bus.subjects.accounts(operation), request, {
      timeoutMs: TIMEOUT_MS,
      unavailable: 'Keys cannot be managed right now: the metrics service is not answering.',
    });
  }
}

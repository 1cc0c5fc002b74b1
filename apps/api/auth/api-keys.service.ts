import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { timingSafeEqual } from 'node:crypto';
import { ApiKey } from '../../../domain/entities';
import type { Role } from '../../../domain/access/roles';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';
import { pageWindow, type PageQuery } from '../common/pagination';
import type { Principal } from './access.decorator';
import { hashApiKey, newApiKeySecret } from './api-key.secret';

@Injectable()
export class ApiKeysService {
  private readonly adminKeyHash: Buffer | null;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.adminKeyHash = config.adminApiKey ? Buffer.from(hashApiKey(config.adminApiKey), 'hex') : null;
  }

  async authenticate(secret: string): Promise<Principal | null> {
    const hash = hashApiKey(secret);
    if (this.adminKeyHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.adminKeyHash)) {
      return { keyId: null, name: 'ADMIN_API_KEY', role: 'admin' };
    }
    const key = await this.em.fork().findOne(ApiKey, { keyHash: hash, revokedAt: null });
    return key ? { keyId: key.id, name: key.name, role: key.role } : null;
  }

  async create(name: string, role: Role): Promise<{ key: ApiKey; secret: string }> {
    const secret = newApiKeySecret();
    const key = this.em.create(ApiKey, { name, role, keyHash: hashApiKey(secret) });
    await this.em.flush();
    return { key, secret };
  }

  list(query: PageQuery): Promise<[ApiKey[], number]> {
    return this.em.findAndCount(ApiKey, { revokedAt: null }, { orderBy: { createdAt: 'asc' }, ...pageWindow(query) });
  }

  /** Revoked keys stay on record (who held access, when): only revokedAt is set. */
  async revoke(id: string): Promise<void> {
    const key = await this.em.findOne(ApiKey, { id, revokedAt: null });
    if (!key) throw new NotFoundException(`API key ${id} not found`);
    key.revokedAt = new Date();
    await this.em.flush();
  }
}

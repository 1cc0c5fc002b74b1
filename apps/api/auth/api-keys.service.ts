import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { timingSafeEqual } from 'node:crypto';
import { ApiKey } from '../../../domain/entities';
import type { Role } from '../../../domain/access/roles';
import { isSystemActorName, systemActorNames } from '../../../domain/access/actors';
import { badRequest } from '../common/validation';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';
import { pageWindow, type PageQuery } from '../common/pagination';
import type { Principal } from './access.decorator';
import { hashApiKey, newApiKeySecret } from './api-key.secret';

/**
 * How long a verified key is believed without asking PostgreSQL again: a lookup on every request would cost as much as
 * the rest of a read. A key revoked through this process leaves the cache at once; one
 * revoked elsewhere (another API process, SQL) is refused within this time.
 */
const verifiedKeyTtlMs = 30_000;

@Injectable()
export class ApiKeysService {
  private readonly adminKeyHash: Buffer | null;
  /** Principals of keys found valid, by key hash; only keys that exist get in, so its size is bounded by the table. */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();
  /** Counts revocations, so a lookup that raced one does not put the revoked key back in the cache. */
  private revocations = 0;

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
    const cached = this.verified.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const revocationsBefore = this.revocations;
    const key = await this.em.fork().findOne(ApiKey, { keyHash: hash, revokedAt: null });
    if (!key) {
      this.verified.delete(hash);
      return null;
    }
    const principal: Principal = { keyId: key.id, name: key.name, role: key.role };
    if (this.revocations === revocationsBefore)
      this.verified.set(hash, { principal, until: Date.now() + verifiedKeyTtlMs });
    return principal;
  }

  /**
   * A key's name is what credential history shows as the actor: one name, one key (ignoring case, revoked keys
   * included), and never a name the system writes itself.
   */
  async create(name: string, role: Role): Promise<{ key: ApiKey; secret: string }> {
    if (isSystemActorName(name)) {
      throw badRequest([
        {
          field: 'name',
          messages: [`name may not be ${name}: the system writes ${systemActorNames.join(', ')} into history itself`],
        },
      ]);
    }
    const [taken] = await this.em
      .getConnection()
      .execute<{ id: string }[]>('select id from api_key where lower(name) = lower(?) limit 1', [name]);
    if (taken) {
      throw new ConflictException(
        `An API key named ${name} already exists (${taken.id}); names are unique, revoked keys keep theirs: choose another`,
      );
    }
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
    this.revocations++;
    this.verified.delete(key.keyHash);
  }
}

import { Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';
import { didDocument, statusListLength } from '../../../domain/open-badges/issuer';
import { issuerKeys, registerIssuerKey } from '../../../domain/open-badges/issuer-keys';
import { signCredential } from '../../../domain/open-badges/sign';
import type { SigningKey } from '../../../domain/open-badges/signing-key';
import { encodeStatusList, statusListCredential } from '../../../domain/open-badges/status-list';

/** Injection token for the credential signing key (resolved once at start: configured, or kept in DATA_DIR). */
export const SIGNING_KEY = Symbol('SIGNING_KEY');

/**
 * The public side of Open Badges: the issuer's DID document, the signed revocation status lists and each credential's
 * stored badge. A credential's bit is set when it is cancelled or replaced (its replacement issued).
 */
@Injectable()
export class OpenBadgesService implements OnModuleInit {
  /** The last signed list per list number, re-signed only when its bits change. */
  private readonly signedLists = new Map<number, { encodedList: string; credential: object }>();

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  async onModuleInit(): Promise<void> {
    await registerIssuerKey(this.em.fork(), this.key);
  }

  async didDocument() {
    return didDocument(this.config.publicBaseUrl, await issuerKeys(this.em.fork()));
  }

  async statusList(rawList: string) {
    const list = Number(rawList);
    const notFound = new NotFoundException(`No status list ${rawList}`);
    if (!/^[1-9]\d{0,5}$/.test(rawList)) throw notFound;
    const from = (list - 1) * statusListLength;
    const rows = await this.em.getConnection().execute<{ status_list_index: number; revoked: boolean }[]>(
      `select b.status_list_index,
              (c.status = 'Cancelled' or exists (select 1 from credential r where r.replaces_id = c.id
                 and r.issued_at is not null and r.deleted_at is null)) as revoked
         from open_badge b join credential c on c.id = b.credential_id
        where b.status_list_index >= ? and b.status_list_index < ?`,
      [from, from + statusListLength],
    );
    if (!rows.length && list !== 1) throw notFound;
    const encodedList = encodeStatusList(rows.filter((r) => r.revoked).map((r) => r.status_list_index - from));
    const cached = this.signedLists.get(list);
    if (cached?.encodedList === encodedList) return cached.credential;
    const unsigned = statusListCredential(this.config.publicBaseUrl, list, encodedList, new Date());
    const credential = await signCredential(unsigned, this.key, this.config.publicBaseUrl);
    this.signedLists.set(list, { encodedList, credential });
    return credential;
  }

  /** A credential's badge for API clients: any credential that was issued and signed. */
  async forCredential(credentialId: string): Promise<object> {
    const [row] = await this.em
      .getConnection()
      .execute<{ document: string }[]>('select document from open_badge where credential_id = ?', [credentialId]);
    if (!row) {
      throw new NotFoundException(
        `Credential ${credentialId} has no Open Badges credential: only issued credentials are signed`,
      );
    }
    return JSON.parse(row.document) as object;
  }

  /** The holder's badge, by verification code: only while the credential stands issued (and never for practice). */
  async forCode(rawCode: string): Promise<{ number: string; badge: object }> {
    const code = rawCode.trim().toUpperCase();
    const [row] = /^[A-Z2-9]{20}$/.test(code)
      ? await this.em.getConnection().execute<{ document: string; number: string }[]>(
          `select b.document, c.number from open_badge b join credential c on c.id = b.credential_id
            where c.verification_code = ? and c.status = 'Issued' and c.deleted_at is null
              and not exists (select 1 from course_enrolment e join course_offer o on o.id = e.course_offer_id
                               where e.id = c.course_enrolment_id and o.practice)`,
          [code],
        )
      : [];
    if (!row) throw new NotFoundException('No issued credential with an Open Badge has this verification code');
    return { number: row.number, badge: JSON.parse(row.document) as object };
  }
}

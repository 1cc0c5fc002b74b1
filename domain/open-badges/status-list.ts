import { gzipSync } from 'node:zlib';
import { issuerDid, statusListLength, statusListUrl } from './issuer';

/** Where a credential's revocation bit lives: list n (from 1) and the index within it. */
export function statusPosition(globalIndex: number): { list: number; index: number } {
  return { list: Math.floor(globalIndex / statusListLength) + 1, index: globalIndex % statusListLength };
}

/** The `credentialStatus` of a credential whose revocation bit is globalIndex. */
export function statusListEntry(publicBaseUrl: string, globalIndex: number) {
  const { list, index } = statusPosition(globalIndex);
  const url = statusListUrl(publicBaseUrl, list);
  return {
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: url,
  };
}

/**
 * The Bitstring Status List encoding: bit i is set for each revoked index (index 0 the first byte's most significant
 * bit), GZIP-compressed, then multibase base64url without padding ('u' prefix).
 */
export function encodeStatusList(revokedIndexes: Iterable<number>, length = statusListLength): string {
  const bytes = Buffer.alloc(length / 8);
  for (const index of revokedIndexes) {
    if (index < 0 || index >= length) continue;
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** The unsigned BitstringStatusListCredential for list n. */
export function statusListCredential(publicBaseUrl: string, list: number, encodedList: string, validFrom: Date) {
  const url = statusListUrl(publicBaseUrl, list);
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerDid(publicBaseUrl),
    validFrom: validFrom.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList,
    },
  };
}

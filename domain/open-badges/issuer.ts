/**
 * The issuer's identity for Open Badges: a did:web for PUBLIC_BASE_URL. `https://certs.example.edu.au` is
 * `did:web:certs.example.edu.au`, resolved at /.well-known/did.json; a base URL with a path,
 * `https://example.edu.au/certs`, is `did:web:example.edu.au:certs`, resolved at /certs/did.json.
 */
export function issuerDid(publicBaseUrl: string): string {
  const url = new URL(publicBaseUrl);
  const path = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => encodeURIComponent(decodeURIComponent(segment)));
  return ['did:web', encodeURIComponent(url.host), ...path].join(':');
}

/** A key's DID URL: the DID and the public key itself as the fragment, so every key ever used has its own id. */
export function verificationMethodId(publicBaseUrl: string, publicKeyMultibase: string): string {
  return `${issuerDid(publicBaseUrl)}#${publicKeyMultibase}`;
}

/** Revocation status lists: 131,072 entries each (16 KB), the minimum the Bitstring Status List spec asks for. */
export const statusListLength = 131_072;

export function statusListUrl(publicBaseUrl: string, list: number): string {
  return `${publicBaseUrl}/status-lists/${list}`;
}

export interface DidDocumentKey {
  publicKeyMultibase: string;
  retired: boolean;
}

/**
 * The DID document: every key the issuer has signed with, current and retired, as Multikey verification methods.
 * Retired keys stay in assertionMethod, so credentials they signed keep verifying; `retired` keys sign nothing new.
 */
export function didDocument(publicBaseUrl: string, keys: DidDocumentKey[]) {
  const did = issuerDid(publicBaseUrl);
  const ids = keys.map((key) => verificationMethodId(publicBaseUrl, key.publicKeyMultibase));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: keys.map((key, i) => ({
      id: ids[i]!,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
    })),
    assertionMethod: ids,
  };
}

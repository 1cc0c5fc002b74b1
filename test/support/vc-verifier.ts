/**
 * An independent verifier for the tests: Digital Bazaar's VC library, Data Integrity (eddsa-rdfc-2022) and Bitstring
 * Status List code, with the DID document and status lists fetched from the running system's public routes. None of
 * the project's own signing code is used here.
 */
export const testPublicBaseUrl = 'https://certs.example.test';
const testDid = 'did:web:certs.example.test';

export async function verifyWithLibraries(systemUrl: string, credential: object) {
  const vc = await import('@digitalbazaar/vc');
  const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity');
  const { cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
  const { checkStatus } = await import('@digitalbazaar/vc-bitstring-status-list');
  const { securityLoader } = await import('@digitalcredentials/security-document-loader');
  const contexts = securityLoader({ fetchRemoteContexts: false }).build();
  const fetchJson = async (path: string) => {
    const response = await fetch(`${systemUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return response.json();
  };
  const documentLoader = async (url: string) => {
    if (url.startsWith(`${testDid}#`) || url === testDid) {
      // did:web:certs.example.test resolves to https://certs.example.test/.well-known/did.json: the system's own route.
      const did = await fetchJson('/.well-known/did.json');
      if (did.id !== testDid) throw new Error(`DID document id ${did.id}`);
      const method = url === testDid ? null : did.verificationMethod.find((m: { id: string }) => m.id === url);
      if (url !== testDid && !method) throw new Error(`${url} is not in the DID document`);
      return {
        contextUrl: null,
        documentUrl: url,
        document: method ? { '@context': 'https://w3id.org/security/multikey/v1', ...method } : did,
      };
    }
    if (url.startsWith(`${testPublicBaseUrl}/status-lists/`)) {
      return {
        contextUrl: null,
        documentUrl: url,
        document: await fetchJson(url.slice(testPublicBaseUrl.length)),
      };
    }
    return contexts(url);
  };
  const suite = new DataIntegrityProof({ cryptosuite });
  return vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
}

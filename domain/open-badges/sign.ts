import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { securityLoader } from '@digitalcredentials/security-document-loader';
import { issuerDid, verificationMethodId } from './issuer';
import type { SigningKey } from './signing-key';

// JSON-LD contexts from the packages' bundled copies only (VC 2.0, Data Integrity, Bitstring Status List, OB 3.0):
// signing never fetches anything from the network.
const documentLoader = securityLoader({ fetchRemoteContexts: false }).build();

/**
 * Signs a credential with a Data Integrity proof (cryptosuite eddsa-rdfc-2022) by the issuer's key. The proof is an
 * array, as 1EdTech's OB 3.0 schema wants. Throws if any term is not defined by the credential's contexts.
 */
export async function signCredential<T extends object>(
  credential: T,
  key: SigningKey,
  publicBaseUrl: string,
): Promise<T & { proof: object[] }> {
  const keyPair = await Ed25519Multikey.from({
    id: verificationMethodId(publicBaseUrl, key.publicKeyMultibase),
    controller: issuerDid(publicBaseUrl),
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader });
  return { ...signed, proof: Array.isArray(signed.proof) ? signed.proof : [signed.proof] };
}

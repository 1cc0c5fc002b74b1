import { sign } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { securityLoader } from '@digitalcredentials/security-document-loader';
import { verificationMethodId } from './issuer';
import { privateKeyOf, type SigningKey } from './signing-key';

// JSON-LD contexts from the packages' bundled copies only (VC 2.0, Data Integrity, Bitstring Status List, OB 3.0):
// signing never fetches anything from the network.
const documentLoader = securityLoader({ fetchRemoteContexts: false }).build();

interface Signer {
  id: string;
  algorithm: 'Ed25519';
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/**
 * One signer per key, its private key object made once: the Multikey library's signer parses the secret key into a
 * new one for every signature, a real share of an issue's CPU.
 */
const signers = new Map<string, Signer>();

function signerOf(key: SigningKey, publicBaseUrl: string): Signer {
  const id = verificationMethodId(publicBaseUrl, key.publicKeyMultibase);
  let signer = signers.get(id);
  if (!signer) {
    const privateKey = privateKeyOf(key);
    signer = { id, algorithm: 'Ed25519', sign: async ({ data }) => sign(null, data, privateKey) };
    signers.set(id, signer);
  }
  return signer;
}

/**
 * Signs a credential with a Data Integrity proof (cryptosuite eddsa-rdfc-2022) by the issuer's key. The proof is an
 * array, as 1EdTech's OB 3.0 schema wants. Throws if any term is not defined by the credential's contexts.
 */
export async function signCredential<T extends object>(
  credential: T,
  key: SigningKey,
  publicBaseUrl: string,
): Promise<T & { proof: object[] }> {
  const suite = new DataIntegrityProof({ signer: signerOf(key, publicBaseUrl), cryptosuite: eddsaRdfc2022 });
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader });
  return { ...signed, proof: Array.isArray(signed.proof) ? signed.proof : [signed.proof] };
}

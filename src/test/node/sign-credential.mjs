// An independent issuer, built on Digital Bazaar's libraries: signs a credential with a new key pair, as another
// issuer's software would, with eddsa-rdfc-2022 or ecdsa-rdfc-2019 (Data Integrity) or Ed25519Signature2020.
// stdin:  {"credential": {...} (its issuer's id is set to the signer's DID),
//          "suite": "eddsa-rdfc-2022" | "ecdsa-rdfc-2019" | "Ed25519Signature2020",
//          "curve": "P-256" | "P-384" (ecdsa only), "did": "did:web:…" (omitted: a did:key of the new key),
//          "contexts": {"<context URL>": <context>, ...} (those the libraries do not ship),
//          "alongside": [{...}, ...] (more credentials the same key signs, such as the issuer's status lists)}
// stdout: {"credential": {...signed...}, "alongside": [{...signed...}, ...],
//          "didDocument": {...} (for a did:web: the document to serve), "verificationMethod": "…"}
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import {cryptosuite as ecdsaRdfc2019} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {Ed25519Signature2020, suiteContext as ed25519Signature2020Context} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from '@digitalbazaar/ed25519-verification-key-2020';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';

let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
}
const {credential, suite: suiteName, curve = 'P-256', did: givenDid, contexts = {}, alongside = []} = JSON.parse(input);

const localContexts = new Map([
  ...Object.entries(contexts),
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...ed25519Signature2020Context.contexts
]);
const documentLoader = jsigs.extendContextLoader(async url => {
  if(localContexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: localContexts.get(url)};
  }
  throw new Error(`The signer loads no document from the network; "${url}" is not at hand.`);
});

const keyPair = suiteName === 'ecdsa-rdfc-2019' ? await EcdsaMultikey.generate({curve})
  : suiteName === 'Ed25519Signature2020' ? await Ed25519VerificationKey2020.generate()
  : await Ed25519Multikey.generate();
const fingerprint = keyPair.publicKeyMultibase;
const did = givenDid ?? `did:key:${fingerprint}`;
keyPair.controller = did;
keyPair.id = givenDid ? `${did}#key-1` : `${did}#${fingerprint}`;

const suite = suiteName === 'Ed25519Signature2020' ? new Ed25519Signature2020({key: keyPair})
  : new DataIntegrityProof({
    signer: keyPair.signer(),
    cryptosuite: suiteName === 'ecdsa-rdfc-2019' ? ecdsaRdfc2019 : eddsaRdfc2022
  });

async function sign(unsigned) {
  return vc.issue({credential: {...unsigned, issuer: {...unsigned.issuer, id: did}}, suite, documentLoader});
}
const signed = await sign(credential);
const signedAlongside = [];
for(const other of alongside) {
  signedAlongside.push(await sign(other));
}

const publicKey = await keyPair.export({publicKey: true, includeContext: false});
const didDocument = {
  '@context': ['https://www.w3.org/ns/did/v1', suiteName === 'Ed25519Signature2020'
    ? 'https://w3id.org/security/suites/ed25519-2020/v1' : 'https://w3id.org/security/multikey/v1'],
  id: did,
  verificationMethod: [{...publicKey, id: keyPair.id, controller: did}],
  assertionMethod: [keyPair.id]
};
process.stdout.write(JSON.stringify(
  {credential: signed, alongside: signedAlongside, didDocument, verificationMethod: keyPair.id}));

// Independent verifier of eddsa-rdfc-2022 Data Integrity proofs, built on Digital Bazaar's libraries.
// stdin:  {"credential": {...}, "documents": {"<url or DID>": <JSON document>, ...}}
// stdout: {"verified": true|false, "error": "<message>"|null}
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';

// Contexts shipped by the libraries take precedence over the caller's copies, so a wrong copy on the
// caller's side cannot make a credential verify.
const bundledContexts = new Map([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts
]);

function offlineLoader(documents) {
  const has = url => Object.prototype.hasOwnProperty.call(documents, url);
  const result = (url, document) => ({contextUrl: null, documentUrl: url, document});

  // jsigs.extendContextLoader adds the security v1/v2 contexts that ControllerProofPurpose frames with.
  return jsigs.extendContextLoader(async url => {
    if(bundledContexts.has(url)) {
      return result(url, bundledContexts.get(url));
    }
    if(has(url)) {
      return result(url, documents[url]);
    }
    // A verification method URL such as did:web:host#key-1: dereference the fragment in the
    // controller (DID) document, the way a DID resolver does; ids must be absolute.
    const hash = url.indexOf('#');
    if(hash > 0 && has(url.slice(0, hash))) {
      const method = findVerificationMethod(documents[url.slice(0, hash)], url);
      if(method) {
        return result(url, {'@context': multikeyContext.CONTEXT_URL, ...method});
      }
    }
    throw new Error(`Offline document loader has no document for "${url}".`);
  });
}

function findVerificationMethod(controllerDocument, id) {
  const relationships = ['verificationMethod', 'assertionMethod', 'authentication',
    'capabilityInvocation', 'capabilityDelegation', 'keyAgreement'];
  return relationships
    .flatMap(term => [controllerDocument[term] ?? []].flat())
    .find(entry => typeof entry === 'object' && entry.id === id);
}

function describe(error) {
  if(!error) {
    return 'verification failed';
  }
  const errors = error.errors?.length ? error.errors : [error];
  return errors.map(e => {
    const cause = e.details?.cause?.message ?? e.cause?.message;
    return cause ? `${e.message} (${cause})` : e.message;
  }).join('; ');
}

let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
}
const {credential, documents = {}} = JSON.parse(input);

let output;
try {
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
    documentLoader: offlineLoader(documents),
    // Status is the Java side's concern; the library insists on a checker once credentialStatus is present.
    checkStatus: async () => ({verified: true})
  });
  output = {verified: result.verified === true, error: result.verified ? null : describe(result.error)};
} catch(error) {
  output = {verified: false, error: describe(error)};
}
process.stdout.write(JSON.stringify(output) + '\n');

// An independent verifier as one runs against a live issuer, built on Digital Bazaar's libraries: it resolves
// the issuer's did:web DID document with @digitalbazaar/did-method-web and fetches the status list credentials
// with jsonld.js's node document loader, each over HTTP with the library's own request (and Accept header),
// verifies the credential's eddsa-rdfc-2022 proof and reads its status with @digitalbazaar/vc-bitstring-status-list.
// stdin:  {"credential": {...}, "contexts": {"<context URL>": <context>, ...},
//          "publicBaseUrl": "<the hub's public base URL>", "hubUrl": "<where the hub under test listens>"}
// stdout: {"verified": true|false, "error": "<message>"|null, "status": {"<statusPurpose>": true|false, ...}}
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import {CachedResolver} from '@digitalbazaar/did-io';
import {driver as didWebDriver} from '@digitalbazaar/did-method-web';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import jsonld from 'jsonld';
import jsigs from 'jsonld-signatures';

let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
}
const {credential, contexts = {}, publicBaseUrl, hubUrl} = JSON.parse(input);

// The one liberty taken with the libraries: the hub's public host (which did:web turns into an https URL) is
// where the hub under test listens, on plain http. Any other host is refused, so that nothing leaves the machine.
const publicHost = new URL(publicBaseUrl).host;
function onHub(url) {
  const {host, pathname, search} = new URL(url);
  if(host !== publicHost) {
    throw new Error(`The verifier under test fetches only from the hub; refused "${url}".`);
  }
  return new URL(pathname + search, hubUrl).href;
}

const resolver = new CachedResolver();
resolver.use(didWebDriver({
  fetchOptions: {hooks: {beforeRequest: [request => new Request(onHub(request.url), request)]}}
}));
const fetchJsonLd = jsonld.documentLoaders.node();

const localContexts = new Map([
  ...Object.entries(contexts),
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts
]);

const documentLoader = jsigs.extendContextLoader(async url => {
  if(localContexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: localContexts.get(url)};
  }
  if(url.startsWith('did:')) {
    return {contextUrl: null, documentUrl: url, document: await resolver.get({url})};
  }
  const loaded = await fetchJsonLd(onHub(url));
  return {...loaded, documentUrl: url};
});

function describe(error) {
  if(!error) {
    return 'verification failed';
  }
  const errors = error.errors?.length ? error.errors : [error];
  return errors.map(e => {
    const cause = e.cause?.message ?? e.details?.cause?.message;
    return cause ? `${e.message} (${cause})` : e.message;
  }).join('; ');
}

let output;
try {
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  const status = Object.fromEntries((result.statusResult?.results ?? [])
    .map(({credentialStatus, status}) => [credentialStatus.statusPurpose, status]));
  output = {
    verified: result.verified === true,
    error: result.verified ? null : describe(result.error ?? result.statusResult?.error),
    status
  };
} catch(error) {
  output = {verified: false, error: describe(error), status: {}};
}
process.stdout.write(JSON.stringify(output) + '\n');

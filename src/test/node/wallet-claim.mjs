// A wallet redeeming an OpenID4VCI 1.0 offer with the pre-authorized code flow, built on @openid4vc/openid4vci and
// @openid4vc/oauth2 (OpenWallet Foundation), an implementation independent of the hub's: it resolves the offer and
// the issuer's metadata, takes the access token (with the transaction code, when the offer asks for one), fetches a
// c_nonce, proves a fresh Ed25519 key named by did:key (or given as a JWK) and receives the credential.
// stdin:  {"offer": "openid-credential-offer://…", "txCode": "<digits>"|null, "keyBinding": "did:key"|"jwk",
//          "publicBaseUrl": "<the hub's public base URL>", "hubUrl": "<where the hub under test listens>"}
// stdout: {"holderDid": "did:…", "credential": {...}, "accessToken": "<token>"}
//         or, when a step is refused, {"error": "<the protocol's error code, or the library's message>", "status": <HTTP status>}
import {clientAuthenticationAnonymous, HashAlgorithm, setGlobalConfig} from '@openid4vc/oauth2';
import {Openid4vciClient} from '@openid4vc/openid4vci';
import {createHash, generateKeyPairSync, randomBytes, sign} from 'node:crypto';

let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
}
const {offer, txCode, keyBinding = 'did:key', publicBaseUrl, hubUrl} = JSON.parse(input);

// The one liberty taken with the library: the hub's public base URL (http://localhost:8080 in the tests, https in
// production) is where the hub under test listens. Any other host is refused, so that nothing leaves the machine.
setGlobalConfig({allowInsecureUrls: true});
const publicHost = new URL(publicBaseUrl).host;
async function fetchFromHub(url, init) {
  const {host, pathname, search} = new URL(url instanceof Request ? url.url : url);
  if(host !== publicHost) {
    throw new Error(`The wallet under test fetches only from the hub; refused "${url}".`);
  }
  return fetch(new URL(pathname + search, hubUrl), init);
}

const base64url = bytes => Buffer.from(bytes).toString('base64url');
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58btc(bytes) {
  let value = BigInt('0x' + Buffer.from(bytes).toString('hex'));
  let out = '';
  while(value > 0n) {
    out = BASE58[Number(value % 58n)] + out;
    value /= 58n;
  }
  for(const byte of bytes) {
    if(byte !== 0) {
      break;
    }
    out = '1' + out;
  }
  return out;
}

const {publicKey, privateKey} = generateKeyPairSync('ed25519');
const publicJwk = publicKey.export({format: 'jwk'});
const multikey = 'z' + base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), Buffer.from(publicJwk.x, 'base64url')]));
const holderDid = keyBinding === 'jwk'
  ? 'did:jwk:' + base64url(JSON.stringify({crv: publicJwk.crv, kty: publicJwk.kty, x: publicJwk.x}))
  : `did:key:${multikey}`;
const signer = keyBinding === 'jwk'
  ? {method: 'jwk', alg: 'EdDSA', publicJwk}
  : {method: 'did', alg: 'EdDSA', didUrl: `did:key:${multikey}#${multikey}`};

const callbacks = {
  fetch: fetchFromHub,
  hash: (data, algorithm) => createHash(algorithm === HashAlgorithm.Sha256 ? 'sha256' : algorithm).digest(data),
  generateRandom: length => randomBytes(length),
  clientAuthentication: clientAuthenticationAnonymous(),
  signJwt: async (jwtSigner, {header, payload}) => {
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const signature = sign(null, Buffer.from(signingInput), privateKey);
    return {jwt: `${signingInput}.${base64url(signature)}`, signerJwk: publicJwk};
  }
};

const client = new Openid4vciClient({callbacks});
try {
  const credentialOffer = await client.resolveCredentialOffer(offer);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const {accessTokenResponse} = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer, issuerMetadata, txCode: txCode ?? undefined
  });
  const credentialConfigurationId = credentialOffer.credential_configuration_ids[0];
  const {c_nonce: nonce} = await client.requestNonce({issuerMetadata});
  const {jwt} = await client.createCredentialRequestJwtProof({
    issuerMetadata, credentialConfigurationId, signer, nonce, issuedAt: new Date()
  });
  const {credentialResponse} = await client.retrieveCredentials({
    issuerMetadata, credentialConfigurationId, proofs: {jwt: [jwt]}, accessToken: accessTokenResponse.access_token
  });
  const [first] = credentialResponse.credentials;
  console.log(JSON.stringify({
    holderDid,
    credential: first.credential ?? first,
    accessToken: accessTokenResponse.access_token
  }));
} catch(e) {
  // the refusal as the library reports it: an OAuth error response (token), a credential error response, or other
  const status = e.response?.status ?? e.response?.response?.status ?? null;
  const error = e.errorResponse?.error ?? e.response?.credentialErrorResponseResult?.data?.error ?? String(e?.message ?? e);
  console.log(JSON.stringify({error, status}));
}

// Blockcerts' own reading of a MerkleProof2019 proof chained in a credential, to check ours against:
// the proofValue decoded by @blockcerts/lds-merkle-proof-2019, the local hash computed and the path folded
// as jsonld-signatures-merkleproof2019 does (src/inspectors/computeLocalHash.ts, ensureValidReceipt.ts).
// stdin:  {"credential": {...}, "anchorProof": {...}, "documents": {"<context url>": <JSON document>, ...}}
// stdout: {"targetHash", "merkleRoot", "path", "anchors", "localHash", "pathFoldsToRoot"}
import {Decoder} from '@blockcerts/lds-merkle-proof-2019';
import jsonld from 'jsonld';
import {createHash} from 'node:crypto';

const sha256Hex = bytes => createHash('sha256').update(bytes).digest('hex');

function offlineLoader(documents) {
  return async url => {
    if(!Object.prototype.hasOwnProperty.call(documents, url)) {
      throw new Error(`Offline document loader has no document for "${url}".`);
    }
    return {contextUrl: null, documentUrl: url, document: documents[url]};
  };
}

// computeLocalHash: unmapped terms land in http://fallback.org/ and are refused; a chained proof covers
// the document with the proofs before it, a lone proof the document without it.
async function localHash(credential, targetProof, documentLoader) {
  const document = structuredClone(credential);
  if(!document['@context'].find(context => typeof context === 'object' && '@vocab' in context)) {
    document['@context'].push({'@vocab': 'http://fallback.org/'});
  }
  if(!Array.isArray(document.proof)) {
    delete document.proof;
  } else {
    const index = document.proof.findIndex(proof => proof.proofValue === targetProof.proofValue);
    document.proof = document.proof.slice(0, index);
  }
  const nquads = await jsonld.normalize(document, {
    algorithm: 'URDNA2015', format: 'application/nquads', documentLoader, safe: false
  });
  const unmapped = nquads.match(/<http:\/\/fallback\.org\/[^>]*>/g);
  if(unmapped) {
    throw new Error(`unmapped fields: ${[...new Set(unmapped)].join(', ')}`);
  }
  return sha256Hex(Buffer.from(nquads, 'utf8'));
}

// ensureValidReceipt: hex strings concatenated in path order, then hashed as bytes.
function foldPath(receipt) {
  let hash = receipt.targetHash;
  for(const node of receipt.path) {
    const pair = node.left !== undefined ? `${node.left}${hash}` : `${hash}${node.right}`;
    hash = sha256Hex(Buffer.from(pair, 'hex'));
  }
  return hash;
}

let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
}
const {credential, anchorProof, documents = {}} = JSON.parse(input);

const receipt = new Decoder(anchorProof.proofValue).decode();
const output = {
  targetHash: receipt.targetHash,
  merkleRoot: receipt.merkleRoot,
  path: receipt.path,
  anchors: receipt.anchors,
  localHash: await localHash(credential, anchorProof, offlineLoader(documents)),
  pathFoldsToRoot: foldPath(receipt) === receipt.merkleRoot
};
process.stdout.write(JSON.stringify(output) + '\n');

-- OpenID4VCI offers: each hands one certificate's credential to one wallet. The offer id is as secret as the
-- pre-authorized code (its credential_offer_uri serves the code), and both stay readable so that the verification
-- page and the e-mail can show the offer again; the transaction code and the access token are kept as SHA-256s.
create table wallet_offers (
    id                text        primary key,
    certificate_id    text        not null references certificates (id),
    -- where the offer was made: by the API, for the certificate's e-mail, or on the public verification page
    made_for          text        not null check (made_for in ('api', 'email', 'page')),
    pre_authorized_code text      not null unique,
    tx_code_hash      bytea,
    tx_code_failures  integer     not null default 0,
    created_at        timestamptz not null default now(),
    expires_at        timestamptz not null,
    redeemed_at       timestamptz,
    token_hash        bytea       unique,
    token_expires_at  timestamptz,
    claimed_at        timestamptz,
    holder_did        text
);
create index wallet_offers_by_certificate on wallet_offers (certificate_id, created_at);

-- The c_nonce values the nonce endpoint handed out, each good for one key proof until it expires; shared by every
-- instance, as a wallet's next request may reach another one.
create table wallet_nonces (
    nonce_hash bytea       primary key,
    expires_at timestamptz not null
);
create index wallet_nonces_expiry on wallet_nonces (expires_at);

-- People who sign in to the console at /console. password_hash is an Argon2id encoding ($argon2id$v=19$m=…);
-- a disabled user cannot sign in, and is kept so that the audit log still names who acted.
create table console_users (
    id            text primary key,
    email         text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('admin', 'issuer', 'viewer')),
    created_at    timestamptz not null default now(),
    disabled_at   timestamptz
);
create unique index console_users_by_email on console_users (lower(email));

-- Failed sign-ins, by e-mail and by address, counted over a window to refuse guessing (see ConsoleSettings).
create table console_sign_in_failures (
    subject   text        not null,
    failed_at timestamptz not null
);
create index console_sign_in_failures_by_subject on console_sign_in_failures (subject, failed_at);

-- Console sessions, shared by every hub instance: Spring Session's JDBC store, its PostgreSQL schema.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id)
        on delete cascade
);

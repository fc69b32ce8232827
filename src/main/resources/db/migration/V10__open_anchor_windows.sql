-- Certificates join the open window a chunk at a time, soon after they are issued, each with its leaf; the
-- window is sealed later by signing the root of leaves already there. Hashing and marking 10,000 certificates
-- at the moment of sealing took both cores for seconds and held every request up meanwhile.
alter table anchor_windows drop constraint anchor_windows_status_check;
alter table anchor_windows add constraint anchor_windows_status_check
    check (status in ('open', 'sealed', 'submitted', 'confirmed'));
alter table anchor_windows alter column merkle_root drop not null;
alter table anchor_windows alter column root_signature drop not null;
alter table anchor_windows alter column signing_key drop not null;
alter table anchor_windows alter column sealed_at drop not null;
-- when the window's oldest certificate was issued: the window is sealed once that is a whole window ago
alter table anchor_windows add column oldest_issued_at timestamptz;
-- there is at most one open window
create unique index anchor_windows_open on anchor_windows ((true)) where status = 'open';

-- how many of the window's certificates, in leaf order, carry the anchor proof: a confirmed window's credentials
-- are rewritten a chunk at a time, and the window is confirmed once all of them are
alter table anchor_windows add column confirmed_leaves int not null default 0;

-- eDocuments: digitised supporting documents (PDF) of a trader, signed by whoever uploaded them.
-- The file itself is a blob named by its SHA-256 in the blob store (documents/blob-store.ts), written
-- before the row that refers to it commits.

-- An uploaded file waiting for its signature: the challenge issued for it says what is to be signed.
-- While it is here (and until a grace period after it expires) its blob is not removed.
create table edocument_uploads (
  challenge_id uuid primary key,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size > 0),
  uploaded_by_rfc text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index edocument_uploads_sha256 on edocument_uploads (sha256);
create index edocument_uploads_expiry on edocument_uploads (expires_at);

create table edocuments (
  -- 'ED' and 10 random Crockford base32 characters: not guessable, easy to read out and type.
  number text primary key check (number ~ '^ED[0-9A-HJKMNP-TV-Z]{10}$'),
  trader_id uuid not null references traders (id),
  document_type text not null check (document_type ~ '^[a-z][a-z0-9_]*$'),
  description text,
  file_name text not null,
  media_type text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size > 0),
  pages int not null check (pages > 0),
  created_by_rfc text not null,
  created_at timestamptz not null,
  -- The signature over the issued payload (file hash and metadata), and the challenge it answered.
  signature_id uuid not null unique references signatures (id),
  challenge_id uuid not null unique
);
create index edocuments_trader on edocuments (trader_id, created_at desc);
create index edocuments_sha256 on edocuments (sha256);

-- The sealed answer of every signed action, kept per challenge: a retry of the same signed request (a lost
-- answer, a double click, two identical requests at once) answers this again instead of acting twice.
-- Not tied to `challenges`, whose rows are swept a day after they expire: the answer stays as long as the evidence.
create table signed_answers (
  challenge_id uuid primary key,
  action text not null,
  target jsonb not null,
  session_id uuid,
  signature_id uuid not null references signatures (id),
  status smallint not null,
  answer jsonb not null,
  created_at timestamptz not null
);

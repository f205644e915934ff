-- Who acts for a trader, now: the trader itself, its legal representative, and every broker it has an active
-- delegation (encargo conferido) with. The one statement of the rule: every check and list of the applicant side
-- reads this view (registry/traders.ts), so a revoked delegation or a new representative counts everywhere at once.
-- One row per (trader, person, relation): a person can be both the trader and its representative.
create view trader_actors as
  select t.id as trader_id, t.rfc as trader_rfc, t.rfc, 'self'::text as relation from traders t
  union all
  select t.id, t.rfc, t.legal_rep_rfc, 'legal_representative' from traders t
  union all
  select d.trader_id, t.rfc, b.rfc, 'broker' from delegations d join brokers b on b.id = d.broker_id join traders t on t.id = d.trader_id
   where d.status = 'active';

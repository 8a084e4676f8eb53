-- Whether the person collecting a permit signed the office's receipt (tanda terima / buku
-- ekspedisi) at the counter.
alter table permit_handovers add column receipt_signed boolean not null default false;

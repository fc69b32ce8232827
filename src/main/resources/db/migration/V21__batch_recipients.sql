-- Who each row of a batch is for, so that a batch's results name every recipient, the failed ones too;
-- line is the row's line in the CSV file it was uploaded as (the header being line 1), null for other batches.
create table batch_recipients (
    batch_id    text    not null references batches (id),
    batch_index integer not null,
    name        text,
    email       text,
    line        integer,
    primary key (batch_id, batch_index)
);

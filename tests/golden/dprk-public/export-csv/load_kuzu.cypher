// Loads nodes.csv and relationships.csv into Kùzu (run it from this folder).
CREATE NODE TABLE Entity(id STRING, label STRING, kind STRING, name STRING, country STRING, date_from DATE, date_to DATE, protected BOOLEAN, sanctioned BOOLEAN, designations STRING, PRIMARY KEY(id));
CREATE REL TABLE Relation(FROM Entity TO Entity, type STRING, id STRING, kind STRING, date_from DATE, date_to DATE, confidence DOUBLE);
COPY Entity FROM 'nodes.csv' (HEADER=true);
COPY Relation FROM 'relationships.csv' (HEADER=true);

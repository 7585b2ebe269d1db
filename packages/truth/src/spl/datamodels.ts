/**
 * CIM data model datasets tstats can read here, with the constraint that selects their events. The CIM reference
 * lists the tags each dataset requires (Common Information Model, Endpoint: Processes <- tags `process`,
 * `report`); the dataset's fields are the event's CIM fields, named `<Dataset>.<field>` inside tstats.
 * Other constraints a data model may add beyond its tags ("There might be additional constraints outside the
 * scope of these tables") are not modelled.
 */
export interface Dataset {
  /** `datamodel=` value. */
  readonly name: string;
  /** Prefix of the dataset's fields in tstats (`Processes`). */
  readonly object: string;
  /** Root constraint, in search syntax. */
  readonly constraint: string;
  readonly source: string;
}

export const DATASETS: readonly Dataset[] = [
  {
    name: 'Endpoint.Processes',
    object: 'Processes',
    constraint: 'tag=process tag=report',
    source: 'https://help.splunk.com/data-management/common-information-model/6.2/data-models/endpoint',
  },
];

/** ES Content macros: only those whose definition is published (SOURCES.md). */
export const MACROS: Readonly<Record<string, { readonly args: readonly string[]; readonly definition: string; readonly source: string }>> = {
  drop_dm_object_name: {
    args: ['object_name'],
    definition: 'rename "$object_name$.*" as *',
    source: 'splunk/security_content macros/drop_dm_object_name.yml',
  },
};

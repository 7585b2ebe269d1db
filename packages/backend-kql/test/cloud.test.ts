import { describe, expect, it } from 'vitest';
import { sentinelCloudPipeline } from '../src/cloud.js';
import { kqlBackend } from '../src/index.js';
import { CLOUD_SOURCES, cloudFields, cloudTableSchemas } from '../src/pipelines/cloud.js';
import { convert, whereOf } from './helpers.js';

/** A rule of `product`/`service` with `detection` (YAML under `detection:`, indented by 4). */
function cloudRule(product: string, service: string, detection: string): string {
  return `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c1\nlogsource:\n    product: ${product}\n    service: ${service}\ndetection:\n${detection
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}`;
}

/** A Kubernetes audit rule, with SigmaHQ's `category: application` when `category` is given. */
function k8sRule(detection: string, category?: string): string {
  const rule = cloudRule('kubernetes', 'audit', detection);
  return category ? rule.replace('logsource:\n', `logsource:\n    category: ${category}\n`) : rule;
}

function query(yaml: string): string {
  const res = convert(yaml, { pipeline: 'sentinel_cloud' });
  const where = whereOf(res);
  return where.startsWith('ERROR') ? where : res.rules[0]!.queries[0]!;
}

describe('sentinel_cloud: Sentinel tables of cloud logs', () => {
  const table: readonly (readonly [name: string, yaml: string, kql: string])[] = [
    [
      'CloudTrail fields are AWSCloudTrail columns; a bool column compares a bool, a missing error code is an empty string',
      cloudRule('aws', 'cloudtrail', `sel:\n    eventSource: iam.amazonaws.com\n    eventName|startswith: Create\n    userIdentity.type: Root\n    readOnly: false\nok:\n    errorCode: null\ncondition: sel and ok`),
      'AWSCloudTrail\n| where EventSource =~ "iam.amazonaws.com" and EventName startswith "Create" and UserIdentityType =~ "Root" and ReadOnly == false and isempty(ErrorCode)',
    ],
    [
      'the session issuer, the event type, the request id without the deprecated column',
      cloudRule('aws', 'cloudtrail', `sel:\n    userIdentity.sessionContext.sessionIssuer.type: Role\n    eventType: AwsConsoleSignIn\n    requestID: r-1\ncondition: sel`),
      'AWSCloudTrail\n| where SessionIssuerType =~ "Role" and EventTypeName =~ "AwsConsoleSignIn" and AwsRequestId_ =~ "r-1"',
    ],
    [
      "a part of requestParameters that SigmaHQ's rules read is read out of its JSON text; a presence test asks whether it is there",
      cloudRule('aws', 'cloudtrail', `sel:\n    eventName: UpdateDetector\n    requestParameters.enable: 'false'\nlayers:\n    responseElements.pendingModifiedValues.masterUserPassword|contains: '*'\ncondition: sel or layers`),
      'AWSCloudTrail\n| extend RequestParameters_enable = parse_json(RequestParameters).enable, ResponseElements_pendingModifiedValues_masterUserPassword = parse_json(ResponseElements).pendingModifiedValues.masterUserPassword\n| where (EventName =~ "UpdateDetector" and tostring(RequestParameters_enable) =~ "false") or isnotnull(ResponseElements_pendingModifiedValues_masterUserPassword)',
    ],
    [
      'the whole element is its JSON text: |contains tests it',
      cloudRule('aws', 'cloudtrail', `sel:\n    eventName: PutBucketVersioning\n    requestParameters|contains: Suspended\ncondition: sel`),
      'AWSCloudTrail\n| where EventName =~ "PutBucketVersioning" and RequestParameters contains "Suspended"',
    ],
    [
      'but no value equals it',
      cloudRule('aws', 'cloudtrail', `sel:\n    responseElements: Failure\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: AWSCloudTrail keeps this CloudTrail element as its JSON text: it never equals, starts or ends with a value; only `|contains` tests it',
    ],
    [
      'and a quote in the value is escaped in the text',
      cloudRule('aws', 'cloudtrail', `sel:\n    requestParameters|contains: '"s3:GetObject"'\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: AWSCloudTrail keeps this CloudTrail element as its JSON text, where a value\'s " or \\ is escaped (twice inside a nested JSON string such as a policy document): the value as written is not found in it',
    ],
    [
      'a part this pipeline does not read out is refused, naming those it does',
      cloudRule('aws', 'cloudtrail', `sel:\n    eventName: PutBucketPolicy\n    requestParameters.bucketName: b\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: AWSCloudTrail keeps this CloudTrail element as its JSON text, of which this pipeline reads out requestParameters.enable',
    ],
    [
      'a sign-in result code is text in SigninLogs; the envelope name resultType is the same column',
      cloudRule('azure', 'signinlogs', `sel:\n    resultType: 50126\n    AuthenticationRequirement: singleFactorAuthentication\ncondition: sel`),
      'SigninLogs\n| where ResultType == "50126" and AuthenticationRequirement =~ "singleFactorAuthentication"',
    ],
    [
      'properties.appId is the AppId column',
      cloudRule('azure', 'signinlogs', `sel:\n    properties.appId: 1950a258-227b-4e31-a9cf-717495945fc2\ncondition: sel`),
      'SigninLogs\n| where AppId =~ "1950a258-227b-4e31-a9cf-717495945fc2"',
    ],
    [
      'a sign-in field with no column is an error naming the table',
      cloudRule('azure', 'signinlogs', `sel:\n    ClientApp: Exchange ActiveSync\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'ClientApp' has no column in SigninLogs",
    ],
    [
      'an activity log operationName is the operation identifier, OperationNameValue',
      cloudRule('azure', 'activitylogs', `sel:\n    operationName: MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WRITE\ncondition: sel`),
      'AzureActivity\n| where OperationNameValue =~ "MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WRITE"',
    ],
    [
      'Entra audit logs: the columns by name, properties.category is the Category column',
      cloudRule('azure', 'auditlogs', `sel:\n    LoggedByService: PIM\n    properties.category: RoleManagement\ncondition: sel`),
      'AuditLogs\n| where LoggedByService =~ "PIM" and Category =~ "RoleManagement"',
    ],
    [
      "the record's own category (the log's name) is no column of AuditLogs",
      cloudRule('azure', 'auditlogs', `sel:\n    category: AuditLogs\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'category' has no column in AuditLogs",
    ],
    [
      "a dynamic column is never equal to a text: SigninLogs' Status is an object",
      cloudRule('azure', 'signinlogs', `sel:\n    Status: Success\n    AuthenticationRequirement: singleFactorAuthentication\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: SigninLogs keeps this field as a dynamic value (an object or a list): it never equals, starts or ends with a text; only `|contains` tests its JSON text',
    ],
    [
      'nor does it start with one (a mapped name onto a dynamic column too)',
      cloudRule('azure', 'auditlogs', `sel:\n    properties.targetResources|startswith: x\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: AuditLogs keeps this field as a dynamic value (an object or a list): it never equals, starts or ends with a text; only `|contains` tests its JSON text',
    ],
    [
      'a null test of a dynamic column stays',
      cloudRule('azure', 'signinlogs', `sel:\n    Status: null\ncondition: sel`),
      'SigninLogs\n| where isnull(Status)',
    ],
    [
      'contains reads its JSON text',
      cloudRule('azure', 'signinlogs', `sel:\n    Status|contains: MFA Denied\ncondition: sel`),
      'SigninLogs\n| where tostring(Status) contains "MFA Denied"',
    ],
    [
      'a keyword is refused, located: it names no column',
      cloudRule('azure', 'activitylogs', `keywords:\n    - Microsoft.Compute/virtualMachines/write\ncondition: keywords`),
      "ERROR pipeline/detection-item-failure: Sentinel keeps a cloud log's fields as columns, and a keyword says none of them: the query would search every column for text that may sit in a field these tables do not keep; test the field instead (an activity log's operation is operationName)",
    ],
    [
      'another azure service has no table here',
      cloudRule('azure', 'pim', `sel:\n    riskEventType: x\ncondition: sel`),
      'ERROR backend/unsupported-feature: no KQL table for logsource (product: azure, service: pim)',
    ],
    [
      "a risk detection's type is AADUserRiskEvents' RiskEventType (a table the pipeline gives the backend the schema of)",
      cloudRule('azure', 'riskdetection', `sel:\n    riskEventType: tokenIssuerAnomaly\ncondition: sel`),
      'AADUserRiskEvents\n| where RiskEventType =~ "tokenIssuerAnomaly"',
    ],
    [
      'the record form properties.riskLevel, and a column by its own name',
      cloudRule('azure', 'riskdetection', `sel:\n    properties.riskLevel: high\n    DetectionTimingType: realtime\ncondition: sel`),
      'AADUserRiskEvents\n| where RiskLevel =~ "high" and DetectionTimingType =~ "realtime"',
    ],
    [
      "a risk detection's location is dynamic: no text equals it",
      cloudRule('azure', 'riskdetection', `sel:\n    location: Paris\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: AADUserRiskEvents keeps this field as a dynamic value (an object or a list): it never equals, starts or ends with a text; only `|contains` tests its JSON text',
    ],
    [
      'a risk detection field with no column is an error naming the table',
      cloudRule('azure', 'riskdetection', `sel:\n    riskType: x\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'riskType' has no column in AADUserRiskEvents",
    ],
    [
      "Okta's System Log keys are the connector's OktaV2_CL columns; isProxy a bool, the alternate id kept as written",
      cloudRule('okta', 'okta', `sel:\n    eventType: user.session.start\n    securityContext.isProxy: 'true'\n    outcome.result: FAILURE\n    actor.alternateId|endswith: '@example.com'\ncondition: sel`),
      'OktaV2_CL\n| where EventOriginalType =~ "user.session.start" and SecurityContextIsProxy == true and OriginalOutcomeResult =~ "FAILURE" and OriginalActorAlternateId endswith "@example.com"',
    ],
    [
      'a debugData key is read out of the DebugData column, once',
      cloudRule('okta', 'okta', `sel:\n    debugContext.debugData.requestUri|contains: /admin\n    displayMessage: Max sign in attempts exceeded\nor:\n    debugContext.debugData.requestUri|endswith: /x\ncondition: sel or or`),
      'OktaV2_CL\n| extend DebugData_requestUri = tostring(DebugData.requestUri)\n| where (DebugData_requestUri contains "/admin" and EventMessage =~ "Max sign in attempts exceeded") or DebugData_requestUri endswith "/x"',
    ],
    [
      "a target's field is refused: the targets are one list",
      cloudRule('okta', 'okta', `sel:\n    target.displayName: Okta Admin Console\ncondition: sel`),
      "ERROR pipeline/detection-item-failure: OktaV2_CL keeps the event's targets as one list (OriginalTarget): a target's field is no column; `target|contains` tests the list's JSON text",
    ],
    [
      'the list itself can be searched as JSON text',
      cloudRule('okta', 'okta', `sel:\n    target|contains: Okta Admin Console\ncondition: sel`),
      'OktaV2_CL\n| where tostring(OriginalTarget) contains "Okta Admin Console"',
    ],
    [
      'a key the transform derives a value from (ActorUserId blanks "unknown") is not the key: actor.id reads OriginalUserId',
      cloudRule('okta', 'okta', `sel:\n    actor.id: unknown\ncondition: sel`),
      'OktaV2_CL\n| where OriginalUserId =~ "unknown"',
    ],
    [
      "GitHub's audit action is the connector's Action column; type is ActivityType",
      cloudRule('github', 'audit', `sel:\n    action: repo.destroy\n    type: x\n    actor_location.country_code: US\ncondition: sel`),
      'GitHubAuditLogsV3_CL\n| where Action =~ "repo.destroy" and ActivityType =~ "x" and CountryCode =~ "US"',
    ],
    [
      'a GitHub key outside the transcribed columns is refused, not guessed',
      cloudRule('github', 'audit', `sel:\n    ruleset_name: main\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'ruleset_name' has no column in GitHubAuditLogsV3_CL",
    ],
    [
      "GCP audit: Elastic's gcp.audit names, the LogEntry's paths and the same under data. read one column",
      cloudRule('gcp', 'gcp.audit', `a:\n    gcp.audit.method_name: storage.buckets.delete\nb:\n    protoPayload.methodName|endswith: .delete\n    data.protoPayload.serviceName: storage.googleapis.com\ncondition: a or b`),
      'GCPAuditLogs\n| where MethodName =~ "storage.buckets.delete" or (MethodName endswith ".delete" and ServiceName =~ "storage.googleapis.com")',
    ],
    [
      "an authorizationInfo element's field is refused: one element per resource and permission",
      cloudRule('gcp', 'gcp.audit', `sel:\n    data.protoPayload.authorizationInfo.granted: 'true'\ncondition: sel`),
      "ERROR pipeline/detection-item-failure: GCPAuditLogs keeps authorizationInfo as one list (AuthorizationInfo, an element per resource and permission): an element's field is no column; `authorizationInfo|contains` tests the list's JSON text",
    ],
    [
      "Microsoft 365's audit record: its properties are OfficeActivity's columns; Workload is OfficeWorkload; Parameters is text",
      cloudRule('m365', 'audit', `sel:\n    Workload: Exchange\n    Operation: New-InboxRule\n    Parameters|contains: ForwardTo\ncondition: sel`),
      'OfficeActivity\n| where OfficeWorkload =~ "Exchange" and Operation =~ "New-InboxRule" and Parameters contains "ForwardTo"',
    ],
    [
      'a property with no OfficeActivity column is refused',
      cloudRule('m365', 'audit', `sel:\n    Operation: TIMailData\n    Directionality: Inbound\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'Directionality' has no column in OfficeActivity",
    ],
    [
      'the monitored resource: its type and project',
      cloudRule('gcp', 'gcp.audit', `sel:\n    resource.type: k8s_cluster\n    resource.labels.project_id: p\ncondition: sel`),
      'GCPAuditLogs\n| where GCPResourceType =~ "k8s_cluster" and ProjectId =~ "p"',
    ],
    [
      "Kubernetes audit (with or without SigmaHQ's category: application) reads AKSAudit: verb is Verb, objectRef's keys are read out of ObjectRef",
      k8sRule(`sel:\n    verb: list\n    objectRef.resource: secrets\ncondition: sel`, 'application'),
      'AKSAudit\n| extend ObjectRef_resource = ObjectRef.resource\n| where Verb =~ "list" and tostring(ObjectRef_resource) =~ "secrets"',
    ],
    [
      "the event's text fields are string columns: requestURI RequestUri, userAgent UserAgent, stage, level, auditID AuditId",
      k8sRule(`sel:\n    requestURI|contains: /exec\n    userAgent|startswith: kubectl/\n    stage: ResponseComplete\n    level: Metadata\n    auditID: a-1\ncondition: sel`),
      'AKSAudit\n| where RequestUri contains "/exec" and UserAgent startswith "kubectl/" and Stage =~ "ResponseComplete" and Level =~ "Metadata" and AuditId =~ "a-1"',
    ],
    [
      "every key of the object reference, each extended once",
      k8sRule(`sel:\n    objectRef.subresource: exec\n    objectRef.namespace: kube-system\n    objectRef.name|startswith: coredns\n    objectRef.apiGroup: rbac.authorization.k8s.io\n    objectRef.apiVersion: v1\nor:\n    objectRef.name|endswith: -x\ncondition: sel or or`),
      'AKSAudit\n| extend ObjectRef_subresource = ObjectRef.subresource, ObjectRef_namespace = ObjectRef.namespace, ObjectRef_name = ObjectRef.name, ObjectRef_apiGroup = ObjectRef.apiGroup, ObjectRef_apiVersion = ObjectRef.apiVersion\n| where (tostring(ObjectRef_subresource) =~ "exec" and tostring(ObjectRef_namespace) =~ "kube-system" and tostring(ObjectRef_name) startswith "coredns" and tostring(ObjectRef_apiGroup) =~ "rbac.authorization.k8s.io" and tostring(ObjectRef_apiVersion) =~ "v1") or tostring(ObjectRef_name) endswith "-x"',
    ],
    [
      "the response code, a number inside ResponseStatus, is compared by its text as any value read out of a dynamic; a range compares its number",
      k8sRule(`sel:\n    responseStatus.code:\n        - 401\n        - '403'\nerr:\n    responseStatus.code|gte: 500\ncondition: sel or err`),
      'AKSAudit\n| extend ResponseStatus_code = ResponseStatus.code\n| where tostring(ResponseStatus_code) == "401" or tostring(ResponseStatus_code) =~ "403" or toreal(tostring(ResponseStatus_code)) >= 500',
    ],
    [
      "the user's name; a key the event lacks (no subresource) is null, a present one is there even empty",
      k8sRule(`sel:\n    user.username: system:anonymous\n    objectRef.subresource: null\nsub:\n    responseStatus.reason|exists: true\ncondition: sel or sub`),
      'AKSAudit\n| extend User_username = User.username, ObjectRef_subresource = ObjectRef.subresource, ResponseStatus_reason = ResponseStatus.reason\n| where (tostring(User_username) =~ "system:anonymous" and isnull(ObjectRef_subresource)) or isnotnull(ResponseStatus_reason)',
    ],
    [
      "sourceIPs is a list (SourceIps): |contains tests its JSON text",
      k8sRule(`sel:\n    sourceIPs|contains: 10.1.2.3\ncondition: sel`),
      'AKSAudit\n| where tostring(SourceIps) contains "10.1.2.3"',
    ],
    [
      "but no address equals it",
      k8sRule(`sel:\n    sourceIPs: 10.1.2.3\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: AKSAudit keeps this field as a dynamic value (an object or a list): it never equals, starts or ends with a text; only `|contains` tests its JSON text',
    ],
    [
      "nor a group the user's groups, a list",
      k8sRule(`sel:\n    user.groups: system:masters\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: AKSAudit keeps this field as a dynamic value (an object or a list): it never equals, starts or ends with a text; only `|contains` tests its JSON text',
    ],
    [
      "whose JSON text |contains tests",
      k8sRule(`sel:\n    user.groups|contains: system:masters\ncondition: sel`),
      'AKSAudit\n| extend User_groups = User.groups\n| where tostring(User_groups) contains "system:masters"',
    ],
    [
      "a whole object (the request's) is dynamic too",
      k8sRule(`sel:\n    requestObject|contains: hostPath\ncondition: sel`),
      'AKSAudit\n| where tostring(RequestObject) contains "hostPath"',
    ],
    [
      "a top-level apiGroup is no audit event field: refused, pointing to objectRef.apiGroup",
      k8sRule(`sel:\n    verb: create\n    apiGroup: authorization.k8s.io\ncondition: sel`, 'application'),
      "ERROR pipeline/detection-item-failure: a Kubernetes audit event has no field apiGroup: the API group of the object a request is for is objectRef.apiGroup (in AKSAudit's ObjectRef)",
    ],
    [
      "hostPath is a part of the pod spec, not an audit event field",
      k8sRule(`sel:\n    verb: create\n    hostPath: '*'\ncondition: sel`, 'application'),
      "ERROR pipeline/detection-item-failure: a Kubernetes audit event has no field hostPath: a pod's hostPath volumes are in the pod spec of the request (requestObject.spec.volumes[].hostPath)",
    ],
    [
      "and so are a container's capabilities",
      k8sRule(`sel:\n    capabilities: '*'\ncondition: sel`, 'application'),
      "ERROR pipeline/detection-item-failure: a Kubernetes audit event has no field capabilities: a pod's containers' capabilities are in the pod spec of the request (requestObject.spec.containers[].securityContext.capabilities)",
    ],
    [
      "no part of the request's object is read out",
      k8sRule(`sel:\n    requestObject.spec.hostNetwork: 'true'\ncondition: sel`),
      "ERROR pipeline/detection-item-failure: AKSAudit keeps the request's and the response's Kubernetes objects and the annotations as dynamic values (RequestObject, ResponseObject, Annotations), of which this pipeline reads no part",
    ],
    [
      "an event field AKSAudit has no column for (the impersonated user) is refused, not guessed",
      k8sRule(`sel:\n    impersonatedUser.username: x\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'impersonatedUser.username' has no column in AKSAudit",
    ],
    [
      "a Kubernetes keyword is refused as any cloud keyword",
      k8sRule(`keywords:\n    - secrets\ncondition: keywords`),
      "ERROR pipeline/detection-item-failure: Sentinel keeps a cloud log's fields as columns, and a keyword says none of them",
    ],
    [
      "another Kubernetes service has no table here",
      cloudRule('kubernetes', 'kubelet', `sel:\n    verb: get\ncondition: sel`),
      'ERROR backend/unsupported-feature: no KQL table for logsource (product: kubernetes, service: kubelet)',
    ],
    [
      "the columns by their own names",
      k8sRule(`sel:\n    Verb: get\n    PodName|startswith: kube-apiserver\ncondition: sel`),
      'AKSAudit\n| where Verb =~ "get" and PodName startswith "kube-apiserver"',
    ],
  ];
  it.each(table)('%s', (_, yaml, kql) => expect(query(yaml)).toEqual(kql.startsWith('ERROR') ? expect.stringContaining(kql) : kql));

  /** The errors of converting `rule`, as `[code, line, column]`, and their messages. */
  function refusals(rule: string): { at: (readonly [string, number, number])[]; messages: string[] } {
    const errors = convert(rule, { pipeline: 'sentinel_cloud' }).diagnostics.filter((d) => d.severity === 'error');
    return { at: errors.map((d) => [d.code, d.line, d.column] as const), messages: errors.map((d) => d.message) };
  }

  // String columns whose text is an object or a list (the page's words for each): by every name that reads them.
  const structureText: readonly (readonly [product: string, service: string, table: string, column: string, names: readonly string[], page: string])[] = [
    ['azure', 'activitylogs', 'AzureActivity', 'Authorization', ['Authorization'], 'azureactivity-include.md:17'],
    ['azure', 'activitylogs', 'AzureActivity', 'Claims', ['Claims'], 'azureactivity-include.md:24'],
    ['azure', 'activitylogs', 'AzureActivity', 'HTTPRequest', ['HTTPRequest'], 'azureactivity-include.md:30'],
    ['azure', 'activitylogs', 'AzureActivity', 'Properties', ['Properties'], 'azureactivity-include.md:36'],
    ['m365', 'audit', 'OfficeActivity', 'Parameters', ['Parameters'], 'officeactivity-include.md:106'],
    ['m365', 'audit', 'OfficeActivity', 'ModifiedProperties', ['ModifiedProperties'], 'officeactivity-include.md:92'],
    ['m365', 'audit', 'OfficeActivity', 'ExtendedProperties', ['ExtendedProperties'], 'officeactivity-include.md:65'],
    ['azure', 'signinlogs', 'SigninLogs', 'RiskEventTypes_V2', ['RiskEventTypes_V2', 'riskEventTypes_V2', 'properties.riskEventTypes_V2'], 'signinlogs-include.md:68'],
    [
      'azure', 'signinlogs', 'SigninLogs', 'AuthenticationContextClassReferences',
      ['AuthenticationContextClassReferences', 'authenticationContextClassReferences', 'properties.authenticationContextClassReferences'],
      'signinlogs-include.md:19',
    ],
  ];
  it.each(structureText)('%s/%s: %s.%s holds the text of an object or a list: a whole-value test is refused, located; contains and null convert', (product, service, table, column, names, page) => {
    // Every name the pipeline maps to the column is among those tested.
    const [, , , fields] = CLOUD_SOURCES.find(([s, p]) => s === service && p === product)!;
    const mapped = cloudFields(table, fields);
    expect(names).toEqual(expect.arrayContaining(Object.keys(mapped).filter((f) => mapped[f] === column)));
    for (const name of names) {
      for (const test of [`${name}: v`, `${name}|startswith: v`, `${name}|endswith: v`, `${name}: 'a*b'`, `${name}|re: 'v'`, `${name}: 1`]) {
        const { at, messages } = refusals(cloudRule(product, service, `sel:\n    ${test}\ncondition: sel`));
        expect(at, test).toEqual([['pipeline/detection-item-failure', 8, 9]]);
        expect(messages[0], test).toContain(`${table} keeps ${column} as the text of`);
        expect(messages[0], test).toContain(page);
      }
      expect(query(cloudRule(product, service, `sel:\n    ${name}|contains: v\nempty:\n    ${name}: null\ncondition: sel or empty`))).toBe(
        `${table}\n| where ${column} contains "v" or isempty(${column})`,
      );
    }
  });

  it.each([
    ['RecordType', 'AuditLogRecordType', 107, 'ExchangeAdmin'],
    ['UserType', 'UserType', 145, 'Admin'],
  ] as const)('OfficeActivity %s holds the %s member name: a number, or its text, is refused, located, naming the page; a name converts', (column, enumTable, line, name) => {
    for (const value of ['1', "'1'", "'18'", '-1', `\n        - ${name}\n        - 2`]) {
      const { at, messages } = refusals(cloudRule('m365', 'audit', `sel:\n    Operation: Set-Mailbox\n    ${column}: ${value}\ncondition: sel`));
      expect(at, value).toEqual([['pipeline/detection-item-failure', 9, 9]]);
      expect(messages[0], value).toBe(
        `OfficeActivity keeps ${column} as the name of the ${enumTable} member (a string column: "See the ${enumTable} table", officeactivity-include.md:${line}), not its number: a number never matches; write the member's name (${name}, not ${column === 'RecordType' ? 1 : 2})`,
      );
    }
    expect(query(cloudRule('m365', 'audit', `sel:\n    ${column}: ${name}\nany:\n    ${column}|exists: true\n    ${column}|contains: '1'\ncondition: sel or any`))).toBe(
      `OfficeActivity\n| where ${column} =~ "${name}" or (isnotempty(${column}) and ${column} contains "1")`,
    );
  });

  it('is offered by name when the backend is given it (the subpath keeps it out of the main entry)', () => {
    expect(kqlBackend().pipelines.map((p) => p.name)).not.toContain('sentinel_cloud');
    const withCloud = kqlBackend({ pipelines: [sentinelCloudPipeline] });
    expect(withCloud.pipelines.map((p) => p.name)).toEqual([...kqlBackend().pipelines.map((p) => p.name), 'sentinel_cloud']);
  });

  it('the pipeline sets aside the default XDR pipeline (no endpoint-only refusal)', () => {
    const res = convert(cloudRule('aws', 'cloudtrail', `sel:\n    eventName: ConsoleLogin\ncondition: sel`), { pipeline: 'sentinel_cloud' });
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('the fields each table answers, and the columns they read', () => {
    const maps = Object.fromEntries(CLOUD_SOURCES.slice(0, 1).map(([, , table, fields]) => [table, cloudFields(table, fields)]));
    expect(maps).toEqual({
      AWSCloudTrail: {
        eventName: 'EventName', eventSource: 'EventSource', eventVersion: 'EventVersion', eventType: 'EventTypeName',
        eventID: 'AwsEventId', eventCategory: 'Category', requestID: 'AwsRequestId_', errorCode: 'ErrorCode',
        errorMessage: 'ErrorMessage', userAgent: 'UserAgent', sourceIPAddress: 'SourceIpAddress', awsRegion: 'AWSRegion',
        recipientAccountId: 'RecipientAccountId', readOnly: 'ReadOnly', managementEvent: 'ManagementEvent',
        sharedEventID: 'SharedEventId', vpcEndpointId: 'VpcEndpointId', apiVersion: 'APIVersion',
        'userIdentity.type': 'UserIdentityType', 'userIdentity.arn': 'UserIdentityArn',
        'userIdentity.accountId': 'UserIdentityAccountId', 'userIdentity.principalId': 'UserIdentityPrincipalid',
        'userIdentity.userName': 'UserIdentityUserName', 'userIdentity.accessKeyId': 'UserIdentityAccessKeyId',
        'userIdentity.invokedBy': 'UserIdentityInvokedBy',
        'userIdentity.sessionContext.sessionIssuer.type': 'SessionIssuerType',
        'userIdentity.sessionContext.sessionIssuer.arn': 'SessionIssuerArn',
        'userIdentity.sessionContext.sessionIssuer.accountId': 'SessionIssuerAccountId',
        'userIdentity.sessionContext.sessionIssuer.principalId': 'SessionIssuerPrincipalId',
        'userIdentity.sessionContext.sessionIssuer.userName': 'SessionIssuerUserName',
        'tlsDetails.tlsVersion': 'TlsVersion', 'tlsDetails.cipherSuite': 'CipherSuite',
        'tlsDetails.clientProvidedHostHeader': 'ClientProvidedHostHeader',
        requestParameters: 'RequestParameters', responseElements: 'ResponseElements', additionalEventData: 'AdditionalEventData',
        resources: 'Resources', serviceEventDetails: 'ServiceEventDetails',
        'requestParameters.enable': 'RequestParameters_enable', 'requestParameters.attribute': 'RequestParameters_attribute',
        'requestParameters.layers': 'RequestParameters_layers', 'responseElements.ConsoleLogin': 'ResponseElements_ConsoleLogin',
        'responseElements.publiclyAccessible': 'ResponseElements_publiclyAccessible',
        'responseElements.pendingModifiedValues.masterUserPassword': 'ResponseElements_pendingModifiedValues_masterUserPassword',
        'additionalEventData.MFAUsed': 'AdditionalEventData_MFAUsed',
      },
    });
  });

  it("the Kubernetes audit event's fields and the AKSAudit columns they read (the keys of its objects as computed fields)", () => {
    const [, , table, fields] = CLOUD_SOURCES.find(([service, product]) => product === 'kubernetes' && service === 'audit')!;
    expect(table).toBe('AKSAudit');
    expect(cloudFields(table, fields)).toEqual({
      verb: 'Verb', requestURI: 'RequestUri', userAgent: 'UserAgent', stage: 'Stage', level: 'Level', auditID: 'AuditId',
      sourceIPs: 'SourceIps', annotations: 'Annotations', objectRef: 'ObjectRef', requestObject: 'RequestObject',
      responseObject: 'ResponseObject', responseStatus: 'ResponseStatus', user: 'User',
      'objectRef.resource': 'ObjectRef_resource', 'objectRef.subresource': 'ObjectRef_subresource',
      'objectRef.namespace': 'ObjectRef_namespace', 'objectRef.name': 'ObjectRef_name', 'objectRef.apiGroup': 'ObjectRef_apiGroup',
      'objectRef.apiVersion': 'ObjectRef_apiVersion', 'objectRef.uid': 'ObjectRef_uid', 'objectRef.resourceVersion': 'ObjectRef_resourceVersion',
      'responseStatus.code': 'ResponseStatus_code', 'responseStatus.status': 'ResponseStatus_status',
      'responseStatus.reason': 'ResponseStatus_reason', 'responseStatus.message': 'ResponseStatus_message',
      'user.username': 'User_username', 'user.uid': 'User_uid', 'user.groups': 'User_groups', 'user.extra': 'User_extra',
    });
    // Each computed field is its key in the dynamic column, a dynamic value itself (read as text, null when absent).
    const schema = cloudTableSchemas().find((t) => t.name === 'AKSAudit')!;
    expect(schema.computed).toMatchObject({ ObjectRef_resource: 'ObjectRef.resource', ResponseStatus_code: 'ResponseStatus.code', User_groups: 'User.groups' });
    expect(new Set(Object.values(schema.computedTypes ?? {}))).toEqual(new Set(['dynamic']));
  });

  it('every Kubernetes audit key this pipeline reads converts to a valid query (Kusto language service, against the given schema)', () => {
    const keys = Object.keys(cloudFields('AKSAudit', CLOUD_SOURCES.find(([, p]) => p === 'kubernetes')![3])).filter((k) => k.includes('.'));
    for (const key of keys) {
      const kql = query(k8sRule(`sel:\n    ${key}|contains: x\ncondition: sel`));
      expect(kql, key).toMatch(/^AKSAudit\n\| extend \w+ = \w+\.\w+\n\| where tostring\(\w+\) contains "x"$/);
    }
  });

  it('Azure columns by the record names: camel case, a leading acronym lower-cased, and under properties for the flattened tables', () => {
    const m = Object.fromEntries(CLOUD_SOURCES.map(([, , table, fields]) => [table, cloudFields(table, fields)]));
    expect(m['SigninLogs']).toMatchObject({
      resultType: 'ResultType', ipAddress: 'IPAddress', aadTenantId: 'AADTenantId', userAgent: 'UserAgent',
      'properties.appId': 'AppId', 'properties.authenticationRequirement': 'AuthenticationRequirement', deviceDetail: 'DeviceDetail',
    });
    expect(m['AuditLogs']).toMatchObject({ operationName: 'OperationName', 'properties.category': 'Category', 'properties.targetResources': 'TargetResources' });
    expect(m['AzureActivity']).toMatchObject({
      operationName: 'OperationNameValue', category: 'CategoryValue', resourceProvider: 'ResourceProviderValue', callerIpAddress: 'CallerIpAddress', resourceId: 'ResourceId',
    });
    // The envelope's category is the log's name; the workspace's columns and AzureActivity's blobs have no record name.
    for (const t of ['SigninLogs', 'AuditLogs']) for (const f of ['category', 'tenantId', 'sourceSystem', 'type', 'timeGenerated']) expect(m[t], `${t} ${f}`).not.toHaveProperty(f);
    for (const f of ['properties', 'properties.message', 'claims', 'authorization', 'httpRequest']) expect(m['AzureActivity'], f).not.toHaveProperty(f);
  });
});

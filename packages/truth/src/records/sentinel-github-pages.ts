import type { TranscribedPage } from './web-tables.js';

/**
 * Microsoft Sentinel's GitHub audit log CCF connector, which writes GitHub enterprise/organization audit log events to
 * GitHubAuditLogsV3_CL, transcribed as facts: the DCR's input stream (`Custom-GitHubAuditLogs`, name and type of every
 * column), its transformKql cut into its parts (the four `extend`s, then every `project` item verbatim), and the
 * table's columns (name, type, line). Not in the vendor snapshot (SOURCES.md, "Okta, GitHub and GCP");
 * `sentinel-github.ts` puts the transform back together and runs it in the reference interpreter.
 */

/**
 * The DCR (47,227 characters). Its stream columns start on line 13 (`"name": "@timestamp"`), one every 4 lines; the
 * transformKql is one JSON string after them (`GITHUB_TRANSFORM_LINE`); `"outputStream": "Custom-GitHubAuditLogsV3_CL"`.
 */
export const GITHUB_DCR: TranscribedPage = {
  repo: 'Azure/Azure-Sentinel',
  path: 'Solutions/GitHub/Data Connectors/GitHubAuditLogs_CCF/GitHubAuditLogs_DCR.json',
  commit: '0c97ac74ba8307c6b57727b3061e6bc8217d62f4',
};

/** The table (28,859 characters): `"name": "GitHubAuditLogsV3_CL"` (lines 2 and 8); columns from line 11, one every 4 lines. */
export const GITHUB_TABLE: TranscribedPage = {
  repo: 'Azure/Azure-Sentinel',
  path: 'Solutions/GitHub/Data Connectors/GitHubAuditLogs_CCF/GitHubAuditLogs_Table.json',
  commit: '0c97ac74ba8307c6b57727b3061e6bc8217d62f4',
};

export const GITHUB_TABLE_NAME = 'GitHubAuditLogsV3_CL';
export const GITHUB_STREAM = 'Custom-GitHubAuditLogs';
export const GITHUB_OUTPUT_STREAM = 'Custom-GitHubAuditLogsV3_CL';

/** Splits `"a:string b:real ..."` into `[name, type]` pairs. */
const pairs = (s: string): (readonly [string, string])[] =>
  s.trim().split(/\s+/).map((p) => {
    const i = p.lastIndexOf(':');
    return [p.slice(0, i), p.slice(i + 1)] as const;
  });

/** `streamDeclarations["Custom-GitHubAuditLogs"].columns`, `name:type` in file order (`boolean` is Kusto bool). */
export const GITHUB_STREAM_COLUMNS: readonly (readonly [name: string, type: string])[] = pairs(`
  @timestamp:real org:string action:string repo:string actor:string actor_location:dynamic user:string permission:string visibility:string
  previous_visibility:string old_permission:string team:string blocked_user:string operation_type:string public_repo:boolean org_id:real
  created_at:real invitee_email:string actor_ip:string actor_id:real actor_is_bot:boolean business_id:real repo_id:real user_agent:string
  user_id:real email:string repository_security_configuration_failure_reason:dynamic repository_security_configuration_state:dynamic
  security_configuration_name:string oauth_application:string oauth_application_url:string oauth_application_state:string reason:string
  membership_type:string user_can_invite_collaborators:boolean can_create_repositories:boolean security_configuration_id:real
  invitation_id:real topic:string _document_id:string business:string request_category:string oauth_application_id:real
  old_repo_permission:string new_repo_permission:string repositories_removed_names:string active:boolean active_was:boolean data:string
  config:string config_was:string content_type:string deploy_key_fingerprint:string emoji:string events:string events_were:string
  explanation:string fingerprint:string hook_id:real limited_availability:boolean message:string name:string old_user:string
  openssh_public_key:string read_only:boolean target_login:string transport_protocol:real transport_protocol_name:string
  started_at:datetime completed_at:datetime conclusion:string event:string head_branch:string head_sha:string run_attempt:real
  run_number:real trigger_id:real workflow_id:real workflow_run_id:real environment_name:string is_hosted_runner:boolean job_name:string
  job_workflow_ref:string runner_group_id:real runner_group_name:string runner_id:real runner_labels:string runner_name:string
  secrets_passed:string hashed_token:string programmatic_access_type:string request_access_security_header:string token_id:real
  pull_request_id:real pull_request_title:string pull_request_url:string old_role_permissions:string role_permissions:string
  request_id:string base_role:string custom_pattern:string source:string type:string ghsa_id:string recipient:string
  runner_owner_type:string organization_role_id:real organization_role_name:string owner:string old_token_expiration:real
  exempt_administrators:boolean token_expiration:real policy:string application_client_id:string integration:string
  repositories_removed:string repository_selection:string new_project_base_role:string old_project_base_role:string project_id:real
  project_number:real public_project:boolean ruleset_bypass_actors:string ruleset_conditions:string ruleset_enforcement:string
  ruleset_id:real ruleset_name:string ruleset_rules:string ruleset_source_type:string ruleset_rules_deleted:string
  ruleset_conditions_updated:string admin_enforced:boolean allow_deletions_enforcement_level:real allow_force_pushes_enforcement_level:real
  authorized_actor_names:string create_protected:boolean dismiss_stale_reviews_on_push:boolean enforcement_level:string
  ignore_approvals_from_contributors:boolean linear_history_requirement_enforcement_level:real lock_allows_fetch_and_merge:boolean
  lock_branch_enforcement_level:real merge_queue_enforcement_level:real pull_request_reviews_enforcement_level:real
  require_code_owner_review:boolean require_last_push_approval:boolean required_approving_review_count:real
  required_deployments_enforcement_level:real required_review_thread_resolution_enforcement_level:real
  required_status_checks_enforcement_level:real signature_requirement_enforcement_level:real strict_required_status_checks_policy:boolean
  allowed_values:string default_value:string definition_id:real description:string property_name:string value_type:string
  values_editable_by:string old_values_editable_by:string old_default_value:string old_required:boolean required:boolean
  enablement:string owner_type:string commit_id:string rule_suite_id:real referrer:string reasons:string overridden_codes:string
  after:string before:string branch:string issue_type_name:string old_description:string old_enabled:boolean old_issue_type_name:string
  new_access:string old_access:string updated_allowed_types:boolean new_policy:string new_repo_runners_policy:string
  old_repo_runners_policy:string limit:real runner_group_restricted_to_workflows:boolean runner_group_selected_workflow_refs:string
  runner_group_allow_public:boolean ip_allow_list_entry:string two_factor_method:string alert_numbers:string commit_oid:string ref:string
  default_for_new_private_repos:boolean default_for_new_public_repos:boolean domain_name:string key:string
  security_configuration_code_scanning:string security_configuration_code_security_sku_enabled:boolean
  security_configuration_created_at:datetime security_configuration_dependabot_alerts:string
  security_configuration_dependabot_security_updates:string security_configuration_dependency_graph:string
  security_configuration_dependency_graph_autosubmit_action:string security_configuration_description:string
  security_configuration_enable_ghas:boolean security_configuration_private_vulnerability_reporting:string
  security_configuration_secret_protection_sku_enabled:boolean security_configuration_secret_scanning:string
  security_configuration_secret_scanning_delegated_bypass:string security_configuration_secret_scanning_generic_secrets:string
  security_configuration_secret_scanning_non_provider_patterns:string security_configuration_secret_scanning_push_protection:string
  security_configuration_secret_scanning_validity_checks:string security_configuration_updated_at:datetime threat_model:string
  query_suite:string vulnerability_alert_rule_actions_alert_actions_auto_dismiss:string vulnerability_alert_rule_actions_version:real
  vulnerability_alert_rule_conditions_cwe:string vulnerability_alert_rule_conditions_ecosystem:string
  vulnerability_alert_rule_conditions_scope:string vulnerability_alert_rule_id:real vulnerability_alert_rule_name:string
  dismissal_approver_id:real sso_url:string issuer:string external_identity_username:string external_identity_nameid:string
  audit_log_stream_result:string audit_log_stream_sink_details:string audit_log_stream_id:real audit_log_stream_sink:string
`);

/** The line of the stream's `i`-th column name. */
export const githubStreamLine = (i: number): number => 13 + 4 * i;

/**
 * The transformKql's line: the last stream column's name line, then its type and `}`, the closing `]`, `}`, `},`, the
 * `destinations` object (7 lines), `"dataFlows": [`, `{`, `streams` (3 lines) and `destinations` (3 lines).
 */
export const GITHUB_TRANSFORM_LINE = githubStreamLine(GITHUB_STREAM_COLUMNS.length - 1) + 22;

/** `source | extend ... | extend ... | extend ... | extend ...`: the four extends before the project, `[name, expression]`. */
export const GITHUB_EXTENDS: readonly (readonly [name: string, kql: string])[] = [
  ['actor_locationDynamic', 'parse_json(actor_location)'],
  ['CountryCode', "tostring(actor_locationDynamic['country_code'])"],
  ['TimestampLong', "tolong(['@timestamp'])"],
  ['TimeGenerated', 'datetime(1970-01-01) + (TimestampLong * 1ms)'],
];

/** `| project ...`: every item as the transform writes it (`Column = key`, or a bare column of the extends), in order. */
export const GITHUB_PROJECT: readonly string[] = `
  TimeGenerated|CreatedAt = created_at|Org = org|Action = action|Repo = repo|Actor = actor|CountryCode|User = user|Permission = permission
  |Visibility = visibility|PreviousVisibility = previous_visibility|OldPermission = old_permission|Team = team|BlockedUser = blocked_user
  |OperationType = operation_type|PublicRepo = public_repo|OrgId = org_id|InviteeEmail = invitee_email|ActorIp = actor_ip|ActorId = actor_id
  |ActorIsBot = actor_is_bot|BusinessId = business_id|RepoId = repo_id|UserAgent = user_agent|UserId = user_id|Email = email
  |RepositorySecurityConfigurationFailureReason = repository_security_configuration_failure_reason
  |RepositorySecurityConfigurationState = repository_security_configuration_state|OauthApplication = oauth_application
  |OauthApplicationUrl = oauth_application_url|OauthApplicationState = oauth_application_state|Reason = reason|MembershipType = membership_type
  |UserCanInviteCollaborators = user_can_invite_collaborators|CanCreateRepositories = can_create_repositories
  |SecurityConfigurationId = security_configuration_id|InvitationId = invitation_id|Topic = topic|DocumentId = _document_id|Business = business
  |RequestCategory = request_category|OauthApplicationId = oauth_application_id|OldRepoPermission = old_repo_permission
  |NewRepoPermission = new_repo_permission|RepositoriesRemovedNames = repositories_removed_names|Active = active|ActiveWas = active_was
  |Data = data|Config = config|ConfigWas = config_was|ContentType = content_type|DeployKeyFingerprint = deploy_key_fingerprint|Emoji = emoji
  |Events = events|EventsWere = events_were|Explanation = explanation|Fingerprint = fingerprint|HookId = hook_id
  |LimitedAvailability = limited_availability|Message = message|Name = name|OldUser = old_user|OpensshPublicKey = openssh_public_key
  |ReadOnly = read_only|TargetLogin = target_login|TransportProtocol = transport_protocol|TransportProtocolName = transport_protocol_name
  |StartedAt = started_at|CompletedAt = completed_at|Conclusion = conclusion|Event = event|HeadBranch = head_branch|HeadSha = head_sha
  |RunAttempt = run_attempt|RunNumber = run_number|TriggerId = trigger_id|WorkflowId = workflow_id|WorkflowRunId = workflow_run_id
  |EnvironmentName = environment_name|IsHostedRunner = is_hosted_runner|JobName = job_name|JobWorkflowRef = job_workflow_ref
  |RunnerGroupId = runner_group_id|RunnerGroupName = runner_group_name|RunnerId = runner_id|RunnerLabels = runner_labels
  |RunnerName = runner_name|SecretsPassed = secrets_passed|HashedToken = hashed_token|ProgrammaticAccessType = programmatic_access_type
  |RequestAccessSecurityHeader = request_access_security_header|TokenId = token_id|PullRequestId = pull_request_id
  |PullRequestTitle = pull_request_title|PullRequestUrl = pull_request_url|OldRolePermissions = old_role_permissions
  |RolePermissions = role_permissions|RequestId = request_id|BaseRole = base_role|CustomPattern = custom_pattern|Source = source
  |ActivityType = type|GhsaId = ghsa_id|Recipient = recipient|RunnerOwnerType = runner_owner_type|OrganizationRoleId = organization_role_id
  |OrganizationRoleName = organization_role_name|Owner = owner|OldTokenExpiration = old_token_expiration
  |ExemptAdministrators = exempt_administrators|TokenExpiration = token_expiration|Policy = policy|ApplicationClientId = application_client_id
  |Integration = integration|RepositoriesRemoved = repositories_removed|RepositorySelection = repository_selection
  |NewProjectBaseRole = new_project_base_role|OldProjectBaseRole = old_project_base_role|ProjectId = project_id
  |ProjectNumber = project_number|PublicProject = public_project|RulesetBypassActors = ruleset_bypass_actors
  |RulesetConditions = ruleset_conditions|RulesetEnforcement = ruleset_enforcement|RulesetId = ruleset_id|RulesetName = ruleset_name
  |RulesetRules = ruleset_rules|RulesetSourceType = ruleset_source_type|RulesetRulesDeleted = ruleset_rules_deleted
  |RulesetConditionsUpdated = ruleset_conditions_updated|AdminEnforced = admin_enforced
  |AllowDeletionsEnforcementLevel = allow_deletions_enforcement_level|AllowForcePushesEnforcementLevel = allow_force_pushes_enforcement_level
  |AuthorizedActorNames = authorized_actor_names|CreateProtected = create_protected|DismissStaleReviewsOnPush = dismiss_stale_reviews_on_push
  |EnforcementLevel = enforcement_level|IgnoreApprovalsFromContributors = ignore_approvals_from_contributors
  |LinearHistoryRequirementEnforcementLevel = linear_history_requirement_enforcement_level
  |LockAllowsFetchAndMerge = lock_allows_fetch_and_merge|LockBranchEnforcementLevel = lock_branch_enforcement_level
  |MergeQueueEnforcementLevel = merge_queue_enforcement_level|PullRequestReviewsEnforcementLevel = pull_request_reviews_enforcement_level
  |RequireCodeOwnerReview = require_code_owner_review|RequireLastPushApproval = require_last_push_approval
  |RequiredApprovingReviewCount = required_approving_review_count|RequiredDeploymentsEnforcementLevel = required_deployments_enforcement_level
  |RequiredReviewThreadResolutionEnforcementLevel = required_review_thread_resolution_enforcement_level
  |RequiredStatusChecksEnforcementLevel = required_status_checks_enforcement_level
  |SignatureRequirementEnforcementLevel = signature_requirement_enforcement_level
  |StrictRequiredStatusChecksPolicy = strict_required_status_checks_policy|AllowedValues = allowed_values|DefaultValue = default_value
  |DefinitionId = definition_id|Description = description|PropertyName = property_name|ValueType = value_type
  |ValuesEditableBy = values_editable_by|OldValuesEditableBy = old_values_editable_by|OldDefaultValue = old_default_value
  |OldRequired = old_required|Required = required|Enablement = enablement|OwnerType = owner_type|CommitId = commit_id
  |RuleSuiteId = rule_suite_id|Referrer = referrer|Reasons = reasons|OverriddenCodes = overridden_codes|After = after|Before = before
  |Branch = branch|IssueTypeName = issue_type_name|OldDescription = old_description|OldEnabled = old_enabled
  |OldIssueTypeName = old_issue_type_name|NewAccess = new_access|OldAccess = old_access|UpdatedAllowedTypes = updated_allowed_types
  |NewPolicy = new_policy|NewRepoRunnersPolicy = new_repo_runners_policy|OldRepoRunnersPolicy = old_repo_runners_policy|Limit = ['limit']
  |RunnerGroupRestrictedToWorkflows = runner_group_restricted_to_workflows
  |RunnerGroupSelectedWorkflowRefs = runner_group_selected_workflow_refs|RunnerGroupAllowPublic = runner_group_allow_public
  |IpAllowListEntry = ip_allow_list_entry|TwoFactorMethod = two_factor_method|AlertNumbers = alert_numbers|CommitOid = commit_oid|Ref = ref
  |DefaultForNewPrivateRepos = default_for_new_private_repos|DefaultForNewPublicRepos = default_for_new_public_repos
  |DomainName = domain_name|Key = key|SecurityConfigurationCodeScanning = security_configuration_code_scanning
  |SecurityConfigurationCodeSecuritySkuEnabled = security_configuration_code_security_sku_enabled
  |SecurityConfigurationCreatedAt = security_configuration_created_at
  |SecurityConfigurationDependabotAlerts = security_configuration_dependabot_alerts
  |SecurityConfigurationDependabotSecurityUpdates = security_configuration_dependabot_security_updates
  |SecurityConfigurationDependencyGraph = security_configuration_dependency_graph
  |SecurityConfigurationDependencyGraphAutosubmitAction = security_configuration_dependency_graph_autosubmit_action
  |SecurityConfigurationDescription = security_configuration_description|SecurityConfigurationEnableGhas = security_configuration_enable_ghas
  |SecurityConfigurationName = security_configuration_name
  |SecurityConfigurationPrivateVulnerabilityReporting = security_configuration_private_vulnerability_reporting
  |SecurityConfigurationSecretProtectionSkuEnabled = security_configuration_secret_protection_sku_enabled
  |SecurityConfigurationSecretScanning = security_configuration_secret_scanning
  |SecurityConfigurationSecretScanningDelegatedBypass = security_configuration_secret_scanning_delegated_bypass
  |SecurityConfigurationSecretScanningGenericSecrets = security_configuration_secret_scanning_generic_secrets
  |SecurityConfigurationSecretScanningNonProviderPatterns = security_configuration_secret_scanning_non_provider_patterns
  |SecurityConfigurationSecretScanningPushProtection = security_configuration_secret_scanning_push_protection
  |SecurityConfigurationSecretScanningValidityChecks = security_configuration_secret_scanning_validity_checks
  |SecurityConfigurationUpdatedAt = security_configuration_updated_at|ThreatModel = threat_model|QuerySuite = query_suite
  |VulnerabilityAlertRuleActionsAlertActionsAutoDismiss = vulnerability_alert_rule_actions_alert_actions_auto_dismiss
  |VulnerabilityAlertRuleActionsVersion = vulnerability_alert_rule_actions_version
  |VulnerabilityAlertRuleConditionsCwe = vulnerability_alert_rule_conditions_cwe
  |VulnerabilityAlertRuleConditionsEcosystem = vulnerability_alert_rule_conditions_ecosystem
  |VulnerabilityAlertRuleConditionsScope = vulnerability_alert_rule_conditions_scope|VulnerabilityAlertRuleId = vulnerability_alert_rule_id
  |VulnerabilityAlertRuleName = vulnerability_alert_rule_name|DismissalApproverId = dismissal_approver_id|SsoUrl = sso_url|Issuer = issuer
  |ExternalIdentityUsername = external_identity_username|ExternalIdentityNameid = external_identity_nameid
  |AuditLogStreamResult = audit_log_stream_result|AuditLogStreamSinkDetails = audit_log_stream_sink_details
  |AuditLogStreamId = audit_log_stream_id|AuditLogStreamSink = audit_log_stream_sink
`
  .split('|')
  .map((s) => s.trim());

/** `properties.schema.columns` of the table file, `name:type` in file order (`boolean` is Kusto bool). */
export const GITHUB_TABLE_COLUMNS: readonly (readonly [name: string, type: string, line: number])[] = pairs(`
  TimeGenerated:datetime CreatedAt:real Org:string Action:string Repo:string Actor:string User:string Permission:string Visibility:string
  PreviousVisibility:string OldPermission:string Team:string BlockedUser:string OperationType:string PublicRepo:boolean OrgId:real
  InviteeEmail:string ActorIp:string ActorId:real ActorIsBot:boolean BusinessId:real RepoId:real UserAgent:string UserId:real Email:string
  RepositorySecurityConfigurationFailureReason:dynamic RepositorySecurityConfigurationState:dynamic SecurityConfigurationName:string
  OauthApplication:string OauthApplicationUrl:string OauthApplicationState:string Reason:string MembershipType:string
  UserCanInviteCollaborators:boolean CanCreateRepositories:boolean CountryCode:string SecurityConfigurationId:real InvitationId:real
  Topic:string DocumentId:string Business:string RequestCategory:string OauthApplicationId:real OldRepoPermission:string
  NewRepoPermission:string RepositoriesRemovedNames:string Active:boolean ActiveWas:boolean Data:string Config:string ConfigWas:string
  ContentType:string DeployKeyFingerprint:string Emoji:string Events:string EventsWere:string Explanation:string Fingerprint:string
  HookId:real LimitedAvailability:boolean Message:string Name:string OldUser:string OpensshPublicKey:string ReadOnly:boolean
  TargetLogin:string TransportProtocol:real TransportProtocolName:string StartedAt:datetime CompletedAt:datetime Conclusion:string
  Event:string HeadBranch:string HeadSha:string RunAttempt:real RunNumber:real TriggerId:real WorkflowId:real WorkflowRunId:real
  EnvironmentName:string IsHostedRunner:boolean JobName:string JobWorkflowRef:string RunnerGroupId:real RunnerGroupName:string
  RunnerId:real RunnerLabels:string RunnerName:string SecretsPassed:string HashedToken:string ProgrammaticAccessType:string
  RequestAccessSecurityHeader:string TokenId:real PullRequestId:real PullRequestTitle:string PullRequestUrl:string
  OldRolePermissions:string RolePermissions:string RequestId:string BaseRole:string CustomPattern:string Source:string
  ActivityType:string GhsaId:string Recipient:string RunnerOwnerType:string OrganizationRoleId:real OrganizationRoleName:string
  Owner:string OldTokenExpiration:real ExemptAdministrators:boolean TokenExpiration:real Policy:string ApplicationClientId:string
  Integration:string RepositoriesRemoved:string RepositorySelection:string NewProjectBaseRole:string OldProjectBaseRole:string
  ProjectId:real ProjectNumber:real PublicProject:boolean RulesetBypassActors:string RulesetConditions:string RulesetEnforcement:string
  RulesetId:real RulesetName:string RulesetRules:string RulesetSourceType:string RulesetRulesDeleted:string
  RulesetConditionsUpdated:string AdminEnforced:boolean AllowDeletionsEnforcementLevel:real AllowForcePushesEnforcementLevel:real
  AuthorizedActorNames:string CreateProtected:boolean DismissStaleReviewsOnPush:boolean EnforcementLevel:string
  IgnoreApprovalsFromContributors:boolean LinearHistoryRequirementEnforcementLevel:real LockAllowsFetchAndMerge:boolean
  LockBranchEnforcementLevel:real MergeQueueEnforcementLevel:real PullRequestReviewsEnforcementLevel:real RequireCodeOwnerReview:boolean
  RequireLastPushApproval:boolean RequiredApprovingReviewCount:real RequiredDeploymentsEnforcementLevel:real
  RequiredReviewThreadResolutionEnforcementLevel:real RequiredStatusChecksEnforcementLevel:real
  SignatureRequirementEnforcementLevel:real StrictRequiredStatusChecksPolicy:boolean AllowedValues:string DefaultValue:string
  DefinitionId:real Description:string PropertyName:string ValueType:string ValuesEditableBy:string OldValuesEditableBy:string
  OldDefaultValue:string OldRequired:boolean Required:boolean Enablement:string OwnerType:string CommitId:string RuleSuiteId:real
  Referrer:string Reasons:string OverriddenCodes:string After:string Before:string Branch:string IssueTypeName:string
  OldDescription:string OldEnabled:boolean OldIssueTypeName:string NewAccess:string OldAccess:string UpdatedAllowedTypes:boolean
  NewPolicy:string NewRepoRunnersPolicy:string OldRepoRunnersPolicy:string Limit:real RunnerGroupRestrictedToWorkflows:boolean
  RunnerGroupSelectedWorkflowRefs:string RunnerGroupAllowPublic:boolean IpAllowListEntry:string TwoFactorMethod:string
  AlertNumbers:string CommitOid:string Ref:string DefaultForNewPrivateRepos:boolean DefaultForNewPublicRepos:boolean DomainName:string
  Key:string SecurityConfigurationCodeScanning:string SecurityConfigurationCodeSecuritySkuEnabled:boolean
  SecurityConfigurationCreatedAt:datetime SecurityConfigurationDependabotAlerts:string SecurityConfigurationDependabotSecurityUpdates:string
  SecurityConfigurationDependencyGraph:string SecurityConfigurationDependencyGraphAutosubmitAction:string
  SecurityConfigurationDescription:string SecurityConfigurationEnableGhas:boolean SecurityConfigurationPrivateVulnerabilityReporting:string
  SecurityConfigurationSecretProtectionSkuEnabled:boolean SecurityConfigurationSecretScanning:string
  SecurityConfigurationSecretScanningDelegatedBypass:string SecurityConfigurationSecretScanningGenericSecrets:string
  SecurityConfigurationSecretScanningNonProviderPatterns:string SecurityConfigurationSecretScanningPushProtection:string
  SecurityConfigurationSecretScanningValidityChecks:string SecurityConfigurationUpdatedAt:datetime ThreatModel:string QuerySuite:string
  VulnerabilityAlertRuleActionsAlertActionsAutoDismiss:string VulnerabilityAlertRuleActionsVersion:real
  VulnerabilityAlertRuleConditionsCwe:string VulnerabilityAlertRuleConditionsEcosystem:string VulnerabilityAlertRuleConditionsScope:string
  VulnerabilityAlertRuleId:real VulnerabilityAlertRuleName:string DismissalApproverId:real SsoUrl:string Issuer:string
  ExternalIdentityUsername:string ExternalIdentityNameid:string AuditLogStreamResult:string AuditLogStreamSinkDetails:string
  AuditLogStreamId:real AuditLogStreamSink:string
`).map(([name, type], i) => [name, type, 11 + 4 * i] as const);

/**
 * One repository per aggregate, over one engine: the persistence layer the use cases get.
 * Nothing above this folder imports mongoose or knows which engine runs.
 */
import type { Engine } from '../engine';
import type { Models } from '../models';
import { actionRepository, type ActionRepository } from './actions';
import { contactRepository, type ContactRepository } from './contacts';
import { customerRepository, type CustomerRepository } from './customers';
import { mailLogRepository, type MailLogRepository } from './mailLogs';
import { sendLogRepository, type SendLogRepository } from './sendLogs';
import { offerRepository, type OfferRepository } from './offers';
import { opportunityRepository, type OpportunityRepository } from './opportunities';
import { orderRepository, type OrderRepository } from './orders';
import { productRepository, type ProductRepository } from './products';
import { trackedConversationRepository, type TrackedConversationRepository } from './trackedConversations';
import { pipelineStageRepository, type PipelineStageRepository } from './pipelineStages';
import { selectionRepository, type SelectionRepository } from './selections';
import { referenceData, type ReferenceData } from './referenceData';
import { uniqueKeyRepository, type UniqueKeyRepository } from './uniqueKeys';
import { userRepository, type UserRepository } from './users';
import { auditRepository, type AuditRepository } from './audit';
import { mergeRecordRepository, type MergeRecordRepository } from './mergeRecords';
import { classificationRepository, type ClassificationRepository } from './classifications';
import { carePlanRuleRepository, type CarePlanRuleRepository } from './carePlanRules';
import { importReportRepository, type ImportReportRepository } from './importReports';
import { taskRepository, type TaskRepository } from './tasks';
import { deskRepository, type DeskRepository } from './desks';
import { searchIndexRepository, type SearchIndexRepository } from './searchIndex';
import { timelineRepository, type TimelineRepository } from './timeline';
import { migrationRepository, type MigrationRepository } from './migrations';
import { secretRepository, type SecretRepository } from './secrets';
import { campaignRepository, type CampaignRepository } from './campaigns';
import { mailingRepository, type MailingRepository } from './mailings';
import { activityMonthRepository, type ActivityMonthRepository } from './activityMonths';
import { surveyRepository, type SurveyRepository } from './surveys';
import { invitationRepository, type InvitationRepository } from './invitations';

export interface Repositories {
  customers: CustomerRepository;
  contacts: ContactRepository;
  actions: ActionRepository;
  keys: UniqueKeyRepository;
  mailLogs: MailLogRepository;
  sendLogs: SendLogRepository;
  trackedConversations: TrackedConversationRepository;
  products: ProductRepository;
  opportunities: OpportunityRepository;
  offers: OfferRepository;
  orders: OrderRepository;
  pipelineStages: PipelineStageRepository;
  selections: SelectionRepository;
  users: UserRepository;
  audit: AuditRepository;
  merges: MergeRecordRepository;
  classifications: ClassificationRepository;
  carePlanRules: CarePlanRuleRepository;
  importReports: ImportReportRepository;
  tasks: TaskRepository;
  desks: DeskRepository;
  search: SearchIndexRepository;
  timeline: TimelineRepository;
  migrations: MigrationRepository;
  secrets: SecretRepository;
  campaigns: CampaignRepository;
  mailings: MailingRepository;
  /** The reports' copy of the actions, by month (./activityMonths). */
  activity: ActivityMonthRepository;
  surveys: SurveyRepository;
  invitations: InvitationRepository;
  reference: ReferenceData;
}

export function createRepositories(models: Models, engine: Engine): Repositories {
  const reference = referenceData(models);
  return {
    customers: customerRepository(models, engine),
    contacts: contactRepository(models, engine),
    actions: actionRepository(models, engine),
    keys: uniqueKeyRepository(models, engine),
    mailLogs: mailLogRepository(models, engine),
    sendLogs: sendLogRepository(models, engine),
    trackedConversations: trackedConversationRepository(models, engine),
    products: productRepository(models, engine),
    opportunities: opportunityRepository(models, engine),
    offers: offerRepository(models, engine),
    orders: orderRepository(models, engine),
    pipelineStages: pipelineStageRepository(models, engine),
    selections: selectionRepository(models, engine),
    users: userRepository(models, engine, reference),
    audit: auditRepository(models),
    merges: mergeRecordRepository(models),
    classifications: classificationRepository(models, engine),
    carePlanRules: carePlanRuleRepository(models, engine),
    importReports: importReportRepository(models, engine),
    tasks: taskRepository(models, engine),
    desks: deskRepository(models, engine),
    search: searchIndexRepository(models, engine),
    timeline: timelineRepository(models, engine),
    migrations: migrationRepository(models, engine),
    secrets: secretRepository(models, engine),
    campaigns: campaignRepository(models, engine),
    mailings: mailingRepository(models, engine),
    activity: activityMonthRepository(models, engine),
    surveys: surveyRepository(models, engine),
    invitations: invitationRepository(models, engine),
    reference,
  };
}

export type {
  ActionRecord, ContactRecord, CustomerRecord, CustomerRow, CustomerFields, ContactFields, UserRecord, MailParticipants,
  NewCustomer, NewContact, CustomerAmendment, ContactAmendment, ExternalIds, ClassificationRecord, ClassificationTarget,
} from './records';
export type { KeyClaim, KeyRef } from './uniqueKeys';
export type {
  ActionRepository, ContactRepository, CustomerRepository, UniqueKeyRepository, MailLogRepository, UserRepository, AuditRepository,
  MergeRecordRepository, ClassificationRepository, CarePlanRuleRepository, ImportReportRepository, ReferenceData,
  SearchIndexRepository, TimelineRepository,
};
export { SEARCH_INDEX_VERSION, type IndexedEntry, type SearchEntry, type SearchKeys } from './searchIndex';
export type { TimelineFilter, TimelinePosition } from './timeline';
export type { MigrationRepository, MigrationState } from './migrations';
export type { ActivityMonthRepository } from './activityMonths';
export type { TrackingRecord, TrackedConversationRepository } from './trackedConversations';
export type { ProductFields, ProductPatch, ProductRecord, ProductRepository } from './products';
export type { OfferFields, OfferLineRecord, OfferRecord, OfferRepository, StoredOfferState } from './offers';
export type { NewOrder, OrderRecord, OrderRepository } from './orders';
export type { OpportunityFields, OpportunityRecord, OpportunityRepository, StageChange } from './opportunities';
export type { CustomerOrder } from './customers';
export { STATUS_ORDER } from './customers';
export type { UniqueKeyKind } from '../models';
export type { Page, PageRequest } from '../paging';
export type { CarePlanAt, CarePlanCounts, CareSubjectRow, CustomerGap, CustomerName, CustomerSelection, GapReport } from './customers';
export type { ClassificationHolder, NewClassification } from './classifications';
export type { CarePlanRuleFields, CarePlanRuleChange, CarePlanRulePatch } from './carePlanRules';
export type { ImportReportRecord, NewImportReport, ImportProgress } from './importReports';
export { IMPORT_CHUNK_ROWS } from './importReports';
export type { MailLogEntry } from './mailLogs';
export { meetingClaimKey, meetingItemClaimKey } from './mailLogs';
export type { SendLogRecord, SendLogRepository, SentMail } from './sendLogs';
export { sendLogId } from './sendLogs';
export type { ReferenceSnapshot } from './referenceData';
export type { AuditRecord, StoredAuditRecord } from './audit';
export type { NewUser } from './users';
export type { MergeRecord } from './mergeRecords';
export { RECENT_ACTIONS } from './customers';
export type { TaskRepository, TaskRecord, NewTask, TaskChange, OpenTaskEntry, TaskFilter } from './tasks';
export type { DeskRepository, DeskRecord, DeskContent, DeskCustomerSnapshot, DeskLast, DeskRecentAction, DeskChange, DeskPlanned } from './desks';
export { DESK_RECENT, lastOf } from './desks';
export type { SelectionFields, SelectionPatch, SelectionRecord, SelectionRepository } from './selections';
export type { CampaignFields, CampaignPatch, CampaignRecord } from './campaigns';
export type { MailingRecord, NewRecipient, RecipientRecord } from './mailings';
export { RECIPIENT_BATCH } from './mailings';
export type { SurveyFields, SurveyPatch, SurveyRecord, SurveyRepository } from './surveys';
export type { InvitationAnswer, InvitationRecord, InvitationRepository, LatestFeedbackRecord, NewInvitation } from './invitations';
export { invitationId } from './invitations';

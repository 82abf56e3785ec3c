/**
 * Entity sets the analytics views need beyond the first thirteen: receipts (RcvHead/RcvDtl), purchasing terms and
 * fiscal periods. Names, keys and fields are as Epicor's REST v2 swagger of a live tenant shows them (public client
 * code generated from it: Snolandia/EpicorRestAPI_MethodsSchemas, `TypeScriptEpicorRestAPI/Erp_BO_ReceiptSvc.tsx`
 * — `Receipts(Company,VendorNum,PurPoint,PackSlip)` and `RcvDtls(Company,VendorNum,PurPoint,PackSlip,PackLine)`;
 * `Erp_BO_PurTermsSvc.tsx` — `PurTerms(Company,TermsCode)`; `Erp_BO_FiscalCalSvc.tsx` —
 * `FiscalPers(Company,FiscalCalendarID,FiscalYear,FiscalYearSuffix,FiscalPeriod)`). Real rows carry many more
 * fields; these are the ones the views read plus a realistic handful more.
 *
 * AP terms are `PurTerms`, not `Terms`: `Erp.BO.TermsSvc` holds customer (AR) terms, and the swagger documents
 * `APInvHed.DiscountDate` as "InvoiceDate + PurTerms.DiscountDays".
 */
import type { SchemaSource } from './entity-schemas.ts';

export const ANALYTICS_SOURCES: SchemaSource[] = [
  {
    service: 'Erp.BO.ReceiptSvc',
    entitySet: 'Receipts',
    rowType: 'RcvHeadRow',
    keys: ['Company', 'VendorNum', 'PurPoint', 'PackSlip'],
    fields:
      'Company:s VendorNum:i PurPoint:s PackSlip:s ReceiptDate:t EntryPerson:s SaveForInvoicing:b Invoiced:b ' +
      'ReceiptComment:s ReceivePerson:s ShipViaCode:s EntryDate:t Plant:s PONum:i LegalNumber:s AutoReceipt:b ' +
      'POType:s Received:b ArrivedDate:t CurrencyCode:s ChangedBy:s ChangeDate:t',
  },
  {
    service: 'Erp.BO.ReceiptSvc',
    entitySet: 'RcvDtls',
    rowType: 'RcvDtlRow',
    keys: ['Company', 'VendorNum', 'PurPoint', 'PackSlip', 'PackLine'],
    fields:
      'Company:s VendorNum:i PurPoint:s PackSlip:s PackLine:i Invoiced:b InvoiceNum:s InvoiceLine:i PartNum:s ' +
      'WareHouseCode:s BinNum:s OurQty:m IUM:s OurUnitCost:m JobNum:s PONum:i POLine:i PORelNum:i ' +
      'PartDescription:s VendorQty:m VendorUnitCost:m ReceiptType:s ReceivedTo:s ReceivedComplete:b PUM:s ' +
      'VenPartNum:s CostPerCode:s InspectionReq:b PassedQty:m FailedQty:m ReceiptDate:t DocUnitCost:m ' +
      'DocVendorUnitCost:m Received:b ArrivedDate:t CurrencyCode:s DueDate:t PODueDate:t OrderQty:m ' +
      'ChangedBy:s ChangeDate:t',
  },
  {
    service: 'Erp.BO.PurTermsSvc',
    entitySet: 'PurTerms',
    rowType: 'PurTermsRow',
    keys: ['Company', 'TermsCode'],
    fields:
      'Company:s TermsCode:s SysDefault:b TermsType:s Description:s DueDays:i DiscountDays:i DiscountPercent:m ' +
      'NumberOfPayments:i Monthly:b NumberOfDays:i MinimumDays:i DueOnDay:i NumberOfMonths:i DiscountType:s ' +
      'PartPayment:b GlobalPurTerms:b GlobalLock:b',
  },
  {
    service: 'Erp.BO.FiscalCalSvc',
    entitySet: 'FiscalPers',
    rowType: 'FiscalPerRow',
    keys: ['Company', 'FiscalCalendarID', 'FiscalYear', 'FiscalYearSuffix', 'FiscalPeriod'],
    fields:
      'Company:s FiscalCalendarID:s FiscalYear:i FiscalYearSuffix:s FiscalPeriod:i StartDate:t EndDate:t ' +
      'FAClosedPeriod:b',
  },
];

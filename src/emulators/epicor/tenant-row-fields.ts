/**
 * Every field of the 13 row types as a live Kinetic SaaS tenant declares them, in its order: names and counts from
 * the swagger-generated client code of repository Snolandia/EpicorRestAPI_MethodsSchemas
 * (`TypeScriptEpicorRestAPI/Erp_BO_<Service>.tsx`, interfaces `Erp_Tablesets_<Row>`), matching the widths in the
 * reference sheet (CompanyRow 65 … CustomerRow 541), plus the receipt, terms and fiscal period rows. That code gives JSON types only (string/number/boolean); the
 * Edm type codes here (see entity-schemas.ts) are inferred from the names: numbers named like counters/ids are
 * Int32, other numbers Decimal, strings named like dates DateTimeOffset. Used by the `wideRows` switch.
 */
export const TENANT_ROW_FIELDS: Readonly<Record<string, string>> = {
  CompanyRow:
    'Company1:s Name:s Address1:s Address2:s Address3:s City:s State:s Zip:s Country:s PhoneNum:s FaxNum:s FEIN:s ' +
    'StateTaxID:s CurrentFiscalYear:i EDICode:s TaxRegionCode:s CountryNum:i Number:m FRxDSN:s EschedFileSet:s ' +
    'ExternalID:s LogoFile:s EmpPhotoPath:s CalendarID:s FrxUserid:s FRxPassWord:s FiscalCalendarID:s LegalName:s ' +
    'TaxRegReason:s ActTypeCode:s OrgRegCode:s ManagerName:s ChiefAcctName:s ReportTypePref:s WIApplication:s ' +
    'WIAutoCreateJob:b WIGetDetails:b WISchedule:b WIRelease:b WIShippingCosts:b DeepCopy:b DeepCopyDupOrRevEst:b ' +
    'SysRevID:i SysRowID:s MapURL:s MXMunicipio:s APBOECheck:i COSequenceCert:i SendToFSA:b EpicorAccountNum:i ' +
    'StartDate:t KindOfEmp:s EmploymentCode:s PurchaseScheduleMode:s BaseCurrCode:s ExtPRConfig:b HasCurrTrans:b ' +
    'Intrastat:b ProductName:s AllowSchedulingBeforeToday:b BitFlag:i CalendarDescription:s FiscalCalDescription:s ' +
    'TaxRegionDescription:s RowMod:s',
  VendorRow:
    'Inactive:b Company:s VendorID:s Name:s VendorNum:i Address1:s Address2:s Address3:s City:s State:s ZIP:s ' +
    'Country:s TaxPayerID:s PurPoint:s TermsCode:s GroupCode:s Print1099:b OneCheck:b PrintLabels:b FaxNum:s ' +
    'PhoneNum:s Comment:s PayHold:b PrimPCon:m AccountRef:s DefaultFOB:s RcvInspectionReq:b CurrencyCode:s ' +
    'TaxRegionCode:s CountryNum:i LangNameID:s BorderCrossing:s FormatStr:s ElecPayment:b PrimaryBankID:s Approved:b ' +
    'ICVend:b EMailAddress:s WebVendor:b VendURL:s EarlyBuffer:m LateBuffer:m OnTimeRating:s QualityRating:s ' +
    'PriceRating:s ServiceRating:s ExternalId:s VendPILimit:m GlobalVendor:b ICTrader:b TaxAuthorityCode:s ' +
    'GlobalLock:b MinOrderValue:m CalendarID:s EDICode:s ConsolidatedPurchasing:b LocalPurchasing:b ResDelivery:b ' +
    'SatDelivery:b SatPickup:b Hazmat:b DocOnly:b RefNotes:s ApplyChrg:b ChrgAmount:m COD:b CODFreight:b CODCheck:b ' +
    'CODAmount:m GroundType:s NotifyFlag:b NotifyEMail:s DeclaredIns:b DeclaredAmt:m ServSignature:b ServAlert:b ' +
    'ServHomeDel:b DeliveryType:s ServDeliveryDate:t ServPhone:s ServInstruct:s ServRelease:b ServAuthNum:s ' +
    'ServRef1:s ServRef2:s ServRef3:s ServRef4:s ServRef5:s CPay:b IndividualPackIDs:b IntrntlShip:b CertOfOrigin:b ' +
    'CommercialInvoice:b ShipExprtDeclartn:b LetterOfInstr:b FFID:s FFCompName:s FFContact:s FFAddress1:s ' +
    'FFAddress2:s FFAddress3:s FFCity:s FFState:s FFZip:s FFCountry:s NonStdPkg:b DeliveryConf:i AddlHdlgFlag:b ' +
    'UPSQuantumView:b UPSQVShipFromName:s UPSQVMemo:s FFPhoneNum:s FFCountryNum:i RevChargeMethod:s ManagedCust:b ' +
    'ManagedCustID:s ManagedCustNum:i PMUID:i HasBank:b PmtAcctRef:s LegalName:s TaxRegReason:s OrgRegCode:s ' +
    'AdvTaxInv:b AllowAsAltRemitTo:b SysRevID:i SysRowID:s THBranchID:s ParamCode:s AGAFIPResponsibilityCode:s ' +
    'AGGrossIncomeTaxID:s AGIDDocumentTypeCode:s AGProvinceCode:s AGUseGoodDefaultMark:b AGApartment:s ' +
    'AGExtraStreetNumber:s AGFloor:s AGLocationCode:s AGNeighborhood:s AGStreet:s AGStreetNumber:s COOneTimeID:s ' +
    'NoBankingReference:b PEGoodsContributor:b PEWithholdAgent:b PECollectionAgent:b PENotFound:b PENoAddress:b ' +
    'PEIdentityDocType:s COIsOneTimeVend:b PEDocumentID:s MaxLateDaysPORel:m Code1099ID:s TIN:s TINType:s ' +
    'SecondTINNotice:b NameControl:s ShipViaCode:s NonUS:b FormTypeID:s INSupplierType:s INCSTNumber:s INPANNumber:s ' +
    'DEOrgType:s PaymentReporting:b ExternalPurchasing:b MXRetentionCode:s Reporting1099Name:s Reporting1099Name2:s ' +
    'FATCA:b AccountNum:s TWGUIRegNum:s MXTARCode:s PEAddressID:s PERetentionRegime:s TaxEntityType:s ' +
    'INGSTComplianceRate:m INTaxRegistrationID:s TINValidationStatus:i ImporterOfRecord:b PLAutomaticAPInvoiceNum:b ' +
    'SEC:s MXDIOTTranType:s US1099KMerchCatCode:s MXTaxpayerType:s MXLegalRepRFC:s MXLegalRepCURP:s MXLegalRepName:s ' +
    'MXLegalRepTaxpayerType:s US1099State:s TaxValidationStatus:i TaxValidationDate:t HMRCTaxValidationLog:s ' +
    'ExternalSchemeID:s MXMunicipio:s EInvoice:b EDISupplier:b FSMSendTo:b BusinessCatList:s COASegReferences:s ' +
    'CountryDescription:s CurrDesc:s DocumentMaskID:s EnableGlobalLock:b EnableGlobalVendor:b EnableMultiCompany:b ' +
    'EnableRevCharge:b FOBDescription:s GlbFlag:b GlbLink:s Integrationflag:b NettingCustID:s NettingCustNum:i ' +
    'RevChargeMethodDesc:s SalesTaxID:s SearchIDs:s ServiceTaxID:s ShipViaDescription:s VendAttrString:s ' +
    'LangNameIDDescription:s MXISTMO:s BitFlag:i AGAFIPResponsibilityDescription:s AGIDDocTypeDescription:s ' +
    'AGLocationDescription:s AGProvinceCodeDescription:s CalendarIDDescription:s Code1099Description:s ' +
    'CountryNumEUMember:b CountryNumISOCode:s CountryNumDescription:s CurrencyCodeCurrSymbol:s ' +
    'CurrencyCodeDocumentDesc:s CurrencyCodeCurrencyID:s CurrencyCodeCurrName:s CurrencyCodeCurrDesc:s ' +
    'DeliveryTypeDescription:s FormTypeDescription:s GroupCodeGroupDesc:s PayMethodType:i PayMethodName:s ' +
    'PayMethodSummarizePerCustomer:b PurPointAddress3:s PurPointAddress1:s PurPointPrimPCon:m PurPointName:s ' +
    'PurPointZip:s PurPointCountry:s PurPointCity:s PurPointState:s PurPointAddress2:s ' +
    'TaxAuthCdTaxAuthorityDescription:s TaxRegionCodeDescription:s TermsCodeDescription:s RowMod:s UD_SysRevID:s ' +
    'Week1Pymt_c:m Week2Pymt_c:m',
  CustomerRow:
    'Company:s CustID:s CustNum:i Name:s Address1:s Address2:s Address3:s City:s State:s Zip:s Country:s ResaleID:s ' +
    'SalesRepCode:s TerritoryID:s ShipToNum:s TermsCode:s ShipViaCode:s PrintStatements:b PrintLabels:b PrintAck:b ' +
    'FinCharges:b CreditHold:b GroupCode:s DiscountPercent:m PrimPCon:m PrimBCon:m PrimSCon:m Comment:s EstDate:t ' +
    'FaxNum:s PhoneNum:s TaxExempt:s MarkUpID:s BillDay:i OneInvPerPS:b DefaultFOB:s CreditIncludeOrders:b ' +
    'CreditReviewDate:t CreditHoldDate:t CreditHoldSource:s CreditClearUserID:s CreditClearDate:t CreditClearTime:s ' +
    'EDICode:s CurrencyCode:s CountryNum:i LangNameID:s BorderCrossing:s FormatStr:s BTName:s BTAddress1:s ' +
    'BTAddress2:s BTAddress3:s BTCity:s BTState:s BTZip:s BTCountryNum:i BTCountry:s BTPhoneNum:s BTFaxNum:s ' +
    'BTFormatStr:s ParentCustNum:i TaxRegionCode:s ICCust:b ContBillDay:i EMailAddress:s ShippingQualifier:s ' +
    'AllocPriorityCode:s ReservePriorityCode:s LinkPortNum:i WebCustomer:b CustomerType:s NoContact:b TerritoryLock:b ' +
    'CustURL:s PendingTerritoryID:s ExtID:s ConsolidateSO:b BillFrequency:s CreditIncludePI:b GlobalCust:b ICTrader:b ' +
    'TaxAuthorityCode:s ExternalDeliveryNote:b GlobalCredIncOrd:b GlobalCredIncPI:b GlobalCurrencyCode:s ExternalID:s ' +
    'GlobalCreditHold:s GlobalLock:b CheckDuplicatePO:b CreditLimit:m CustPILimit:m GlobalCreditLimit:m ' +
    'GlobalPILimit:m DocGlobalCreditLimit:m DocGlobalPILimit:m RfqAttachAllow:b DiscountQualifier:s AllowAltBillTo:b ' +
    'DemandDeliveryDays:i DemandDateType:s DemandAddLeadTime:i DemandAddAction:s DemandChangeLeadTime:i ' +
    'DemandChangeAction:s DemandCancelLeadTime:i DemandCancelAction:s DemandNewLineLeadTime:i DemandNewLineAction:s ' +
    'DemandQtyChangeLeadTime:i DemandQtyChangeAction:s DemandChangeDateLeadTime:i DemandChangeDateAction:s ' +
    'TradingPartnerName:s ResDelivery:b SatDelivery:b SatPickup:b Hazmat:b DocOnly:b RefNotes:s ApplyChrg:b ' +
    'ChrgAmount:m COD:b CODFreight:b CODCheck:b CODAmount:m GroundType:s NotifyFlag:b NotifyEMail:s DeclaredIns:b ' +
    'DeclaredAmt:m PeriodicityCode:i ServSignature:b ServAlert:b ServHomeDel:b DeliveryType:s ServDeliveryDate:t ' +
    'ServPhone:s ServInstruct:s ServRelease:b ServAuthNum:s ServRef1:s ServRef2:s ServRef3:s ServRef4:s ServRef5:s ' +
    'EarlyBuffer:m LateBuffer:m DemandUnitPriceDiff:b DemandUnitPriceDiffAction:s ExcFromVal:b AddressVal:b ' +
    'RebateVendorNum:i RebateForm:s CreditCardOrder:b DemandCheckForPart:b DemandCheckForPartAction:s ChangedBy:s ' +
    'ChangeDate:t ChangeTime:i ChargeCode:s IndividualPackIDs:b IntrntlShip:b CertOfOrigin:b CommercialInvoice:b ' +
    'ShipExprtDeclartn:b LetterOfInstr:b FFID:s FFCompName:s FFAddress1:s FFAddress2:s FFAddress3:s FFCity:s ' +
    'FFState:s FFZip:s FFCountry:s FFCountryNum:i FFPhoneNum:s NonStdPkg:b DeliveryConf:i AddlHdlgFlag:b ' +
    'UPSQuantumView:b UPSQVShipFromName:s UPSQVMemo:s UPSQVEmailType:s FFContact:s ETCAddrChg:b TaxRoundRule:m ' +
    'TaxMethod:s ValidPayer:b ValidSoldTo:b ValidShipTo:b OverrideRlsClass:b AcrossNatAcc:b NAParentCreditIsUsed:b ' +
    'NACreditIsShare:b NACreditPreferenceList:s NAParentCreditPrc:m NACreditSharedPrc:m AllowOTS:b ThirdPLCust:b ' +
    'ManagedVendID:s ManagedVendNum:i NARlsClassCode:s DirectDebiting:b ReminderCode:s GlbNAParentCreditIsUsed:b ' +
    'GlbNACreditIsShare:b GlbNAParentCreditPrc:m GlbNACreditSharedPrc:m AllowShipTo3:b OTSSaveAs:s CustPartOpts:s ' +
    'HasBank:b PMUID:i DemandCheckForRev:b OrderHoldForReview:b DemandCheckForRevAction:s ShipToTerrList:s ' +
    'AcctRefNumber:s LegalName:s TaxRegReason:s InvPerPackLine:b OrgRegCode:s DemandCloseRejSkd:b OurBankCode:s ' +
    'DemandCloseNoMatch:b DmdCheckPartialShip:b DmdCheckShipAction:s DemandCheckCUMM:b DemandCheckCUMMAction:s ' +
    'DemandPricing:s PriceTolerance:m PreferredBank:s CheckDateCapPromise:b CheckConfirmCapPromise:b ' +
    'CheckUpdateCapPromise:b DemandCapPromiseDate:t DemandCapPromiseAction:s DemandCapPromiseUpdate:s ' +
    'PeriodicBilling:b DueDateCriteria:s PBTerms:m ERSOrder:b DemandSplitSched:b OTSmartString:b DeferredRev:b ' +
    'RACode:s DemandCheckConfig:b DemandCheckCfgAction:s AllowAsAltRemitTo:b FederalID:s WIApplication:s WICustomer:s ' +
    'WIShippingCosts:b LOQBookPCFinishing:b LOQBookPCPaper:b LOQBookPCPress:b LOQBookPCPlates:b Variations:b ' +
    'OversPct:m UndersPct:m DefaultLOQstyle:s DefaultOrderAcknowledgement:s DefaultPackSlip:s DefaultOversPricing:s ' +
    'LOQPrepressStyle:s CSR:s LOQBookCaFinishing:b LOQBookCapaper:b LOQBookCaPress:b LOQBookCatPlates:b ' +
    'LOQVariations:b DefaultInvoicestyle:s AEPLOQType:s BusinessCust:s SysRevID:i SysRowID:s THBranchID:s ' +
    'CustPricingSchema:s ParamCode:s AGAFIPResponsibilityCode:s AGBillToProvinceCode:s AGGrossIncomeTaxID:s ' +
    'AGIDDocTypeCode:s AGIDDocumentNumber:s AGProvinceCode:s AGUseGoodDefaultMark:b Collections:b CollectionsDate:t ' +
    'DateCollectionPosted:s MXMunicipio:s PEIdentityDocType:s PEDocumentID:s PEGoodsContributor:b PEWithholdAgent:b ' +
    'PECollectionAgent:b PENotFound:b PENoAddress:b EntityUseCode:s InvcOrderCmpDflt:b EInvoice:b RegistrationCode:s ' +
    'EAddress:s DemandCheckForRunOutPart:b DemandCheckForRunOutPartAction:s EInvCompanyIDAttr:s INCSTNumber:s ' +
    'INPANNumber:s COOneTimeID:s COIsOneTimeCust:b DEOrgType:s PEGuaranteeName:s PEGuaranteeAddress1:s ' +
    'PEGuaranteeAddress2:s PEGuaranteeAddress3:s PEGuaranteeCity:s PEGuaranteeState:s PEGuaranteeZip:s ' +
    'PEGuaranteeCountry:s PEGuaranteePhoneNum:s PEGuaranteeTaxID:s OurSupplierCode:s ECCType:s MYIndustryCode:s ' +
    'SyncToExternalCRM:b ExternalCRMCustomerID:s ExternalCRMCustomerType:s ExternalCRMLastSync:s ' +
    'ExternalCRMSyncRequired:b Ownership:s Industry:s AnnualRevenue:m NumberOfEmployees:m TickerLocation:s ' +
    'TickerSymbol:s Rating:s TWGUIRegNum:s MXAccountNumber:s ConsolidateLinesPerPart:b TWTaxPayerType:i ' +
    'TWDeductGUIFormatCode:s MXCURP:s PEAddressID:s PEPerceptionRegime:s TaxEntityType:s INGSTComplianceRate:m ' +
    'INTaxRegistrationID:s MXPurchaseType:s SendToFSA:b MXGeneralPublic:b AgingCreditHold:b AgingCreditHoldDate:t ' +
    'AgingCreditHoldSource:s AgingCreditClearUserID:s AgingCreditClearDate:t AgingCreditCode:s ImporterOfRecord:b ' +
    'SEC:s EInvEndpointIDAttr:s UseBlindShipping:b ELIEinvoice:b ELIDefReportID:s ELIDefStyleNum:i ELIDefToMail:s ' +
    'ELIDefCCMail:s ELIDefMailTempID:s ELISendMail:b COFiscalResp1:s COFiscalResp2:s COFiscalResp3:s COOperType:s ' +
    'CentralCollection:b NettingVendorNum:i EORINumber:s AGIsElectronicCreditInvEligible:b TaxValidationStatus:i ' +
    'TaxValidationDate:t HMRCTaxValidationLog:s Inactive:b ExternalSchemeID:s ELIOperatorCode:s ELISendingOption:i ' +
    'ELIOperatorID:s EInvExternalID:s MXTaxRegime:s ExclusionMonth:i FSMSendTo:b FSMRegionCode:s FSMArea:s ' +
    'ELIRcptDefStyleNum:i CovenantDiscPercent:m ACATCommCare:b ACATRespCareType:s ACATRespCareTypeDesc:s AddrList:s ' +
    'AdvancedLaborRate:b ApplyHoldToOrders:b AttrCodeList:s BaseCurrCode:s BillDayDesc:s BillFreqDescription:s ' +
    'BTAddrList:s BusinessCatList:s ChargeCodeDesc:s COASegReferences:s COOperTypeDesc:s CustTypeDescription:s ' +
    'DiscQualDescription:s DspBTFormatStr:s DspFormatStr:s DspRlsClass:s ECCPaymentCodes:s ECCPaymentDesc:s ' +
    'ECCPaymentList:s ECCPaymentXDesc:s ECCShipViaList:s EnableGlobalCust:b EnableGlobalLock:b ExtCoExist:b ' +
    'FxdGlbOrdCredit:m FxdGlbPICredit:m FxdOrderCredit:m FxdPICredit:m FxdTotOrders:m FxdTotPI:m GlbFlag:b GlbLink:s ' +
    'GlbNAChildCrdAvail:m GlbNAOwnCreditAvail:m GlbNAOwnCreditUsedDsp:m GlbNAParentCrdAvail:m ' +
    'GlbNAParentsCreditUsedDsp:m GlbNAPoolCrdAvail:m GlbNAPoolCreditUsed:m GlbNASharedCreditUsedDsp:m ' +
    'IntegrationFlag:b IntRunChangeCountry:b ListCode:s LLLBAnnualHomeCap:m LLLBAnnualPartPenCap:m ' +
    'LLLBAnnualResiCap:m LLLBAnnualSelfFndCap:m LLLBAsAtDate:t LLLBAssetAssess:b LLLBLifeTimeCap:m LLLBMeansTestAmt:m ' +
    'LLLBMeansTestFeeAmt:m LLLBPrevEntryDate:t NAChildCrdAvail:m NACreditCust:b NACreditUpdated:b NAOwnCreditAvail:m ' +
    'NAOwnCreditUsedDsp:m NAParentCrdAvail:m NAParentsCreditUsedDsp:m NAPoolCrdAvail:m NAPoolCreditUsed:m ' +
    'NASharedCreditUsedDsp:m NATotalCreditAvail:m NATotalCreditUsed:m NettingVendorID:s ParentCustID:s ParentName:s ' +
    'PeriodicityDesc:s PeriodicityList:s PIFlag:b ReminderGroupDesc:s SalesTaxID:s SearchIDs:s SendShipment:b ' +
    'ServiceTaxID:s ShippingQualifierDesc:s TotGlbInvoiceCredit:m TotGlbOpenCredit:m TotGlbOrderCredit:m ' +
    'TotGlbPICredit:m TotInvoiceCredit:m TotLCCredit:m TotLCCumInvoices:m TotLCInvoiceBal:m TotLCOpenOrders:m ' +
    'TotLCUsed:m TotOpenCredit:m TotOpenInvoices:m TotOpenInvoicesLC:m TotOpenLC:m TotOpenOrderLC:m TotOpenOrders:m ' +
    'TotOpenPI:m TotOrderCredit:m TotPICredit:m ACATOtherCare:b LanguageDescription:s MXISTMO:s ELIRcptDefReportID:s ' +
    'BitFlag:i AGAFIPResponsibilityDescription:s AGBillToProvinceDescription:s AGIDDocTypeCUITMark:b ' +
    'AGIDDocTypeDescription:s AgingCreditDescription:s AGProvinceDescription:s BTCountryISOCode:s BTCountryEUMember:b ' +
    'CompanySendToFSA:b CountryISOCode:s CountryFormatStr:s CountryEUMember:b CurrencyCurrName:s CurrencyCurrencyID:s ' +
    'CurrencyCurrSymbol:s CurrencyCurrDesc:s CurrencyDocumentDesc:s CustGrupGroupDesc:s DeliveryTypeDescription:s ' +
    'FOBDescription:s GlobalCurrencyCurrSymbol:s GlobalCurrencyCurrDesc:s GlobalCurrencyDocumentDesc:s ' +
    'GlobalCurrencyCurrencyID:s GlobalCurrencyCurrName:s MarkUpDescription:s MXPurchaseTypeCodeDesc:s ' +
    'PayMethodSummarizePerCustomer:b PayMethodType:i PayMethodName:s PreferredBankBankName:s ' +
    'PreferredBankDescription:s RASchedCdRADesc:s ReservePriDescription:s SalesRepName:s ShipViaWebDesc:s ' +
    'ShipViaDescription:s TATaxAuthorityDescription:s TaxRegionDescription:s TermsDescription:s ' +
    'TerritoryTerritoryDesc:s XbSystELIEinvoice:b RowMod:s',
  PartRow:
    'Company:s PartNum:s SearchWord:s PartDescription:s ClassID:s IUM:s PUM:s TypeCode:s NonStock:b ' +
    'PurchasingFactor:m UnitPrice:m PricePerCode:s InternalUnitPrice:m InternalPricePerCode:s ProdCode:s MfgComment:s ' +
    'PurComment:s CostMethod:s UserChar1:s UserChar2:s UserChar3:s UserChar4:s UserDate1:t UserDate2:t UserDate3:t ' +
    'UserDate4:t UserDecimal1:m UserDecimal2:m UserDecimal3:m UserDecimal4:m UserInteger1:m UserInteger2:m TaxCatID:s ' +
    'InActive:b LowLevelCode:i Method:b TrackLots:b TrackDimension:b DefaultDim:s TrackSerialNum:b CommodityCode:s ' +
    'WarrantyCode:s PhantomBOM:b SalesUM:s SellingFactor:m MtlBurRate:m NetWeight:m UsePartRev:b PartsPerContainer:m ' +
    'PartLength:m PartWidth:m PartHeight:m LotShelfLife:m WebPart:b RunOut:b SubPart:s Diameter:m Gravity:m OnHold:b ' +
    'OnHoldDate:t OnHoldReasonCode:s AnalysisCode:s GlobalPart:b MtlAnalysisCode:s GlobalLock:b ISSuppUnitsFactor:m ' +
    'PDMObjID:s ImageFileName:s ISOrigCountry:s SNPrefix:s SNFormat:s SNBaseDataType:s Constrained:b UPCCode1:s ' +
    'UPCCode2:s UPCCode3:s EDICode:s WebInStock:b ConsolidatedPurchasing:b PurchasingFactorDirection:s ' +
    'SellingFactorDirection:s RecDocReq:b MDPV:m ShipDocReq:b ReturnableContainer:s NetVolume:m QtyBearing:b ' +
    'NAFTAOrigCountry:s NAFTAProd:s NAFTAPref:s ExpLicType:s ExpLicNumber:s ECCNNumber:s AESExp:s HTS:s UseHTSDesc:b ' +
    'SchedBcode:s HazItem:b HazTechName:s HazClass:s HazSub:s HazGvrnmtID:s HazPackInstr:s RevChargeMethod:s ' +
    'RCUnderThreshold:m RCOverThreshold:m OwnershipStatus:s UOMClassID:s SNMask:s SNMaskExample:s SNMaskSuffix:s ' +
    'SNMaskPrefix:s SNLastUsedSeq:s UseMaskSeq:b NetWeightUOM:s NetVolumeUOM:s LotBatch:b LotMfgBatch:b LotMfgLot:b ' +
    'LotHeat:b LotFirmware:b LotBeforeDt:b LotMfgDt:b LotCureDt:b LotExpDt:b LotPrefix:s LotUseGlobalSeq:b LotSeqID:s ' +
    'LotNxtNum:i LotDigits:m LotLeadingZeros:b LotAppendDate:t BuyToOrder:b DropShip:b IsConfigured:b ExtConfig:b ' +
    'RefCategory:s CSFCJ5:b CSFLMW:b GrossWeight:m GrossWeightUOM:s BasePartNum:s FSAssetClassCode:s ' +
    'FSSalesUnitPrice:m FSPricePerCode:s RcvInspectionReq:b EstimateID:s EstimateOrPlan:s DiffPrc2PrchUOM:b ' +
    'DupOnJobCrt:b PricingFactor:m PricingUOM:s MobilePart:b SysRevID:i SysRowID:s AGUseGoodMark:b AGProductMark:b ' +
    'ISRegion:s INChapterID:s PESUNATType:s PESUNATUOM:s DEIsServices:b DEIsSecurityFinancialDerivative:b ' +
    'DEInternationalSecuritiesID:s LinkToContract:b DEIsInvestment:b DEPayStatCode:s DEDenomination:s ' +
    'PartLengthWidthHeightUM:s DiameterUM:s DiameterInside:m DiameterOutside:m ThicknessUM:s Thickness:m ' +
    'ThicknessMax:m Durometer:s Specification:s EngineeringAlert:s Condition:s IsCompliant:b IsRestricted:b ' +
    'IsSafetyItem:b CommercialBrand:s CommercialSubBrand:s CommercialCategory:s CommercialSubCategory:s ' +
    'CommercialStyle:s CommercialSize1:s CommercialSize2:s CommercialColor:s IsGiftCard:b PhotoFile:s ' +
    'PartPhotoExists:b CommentText:s PartSpecificPackingUOM:b ImageID:s CNSpecification:s SyncToExternalCRM:b ' +
    'ExternalCRMPartID:s ExternalCRMLastSync:s ExternalCRMSyncRequired:b PESUNATTypeCode:s PESUNATUOMCode:s ' +
    'CNCodeVersion:s CNTaxCategoryCode:s CNHasPreferentialTreatment:b CNPreferentialTreatmentContent:s ' +
    'CNZeroTaxRateMark:s SubLevelCode:i CreatedBy:s CreatedOn:s AttBatch:s AttMfgBatch:s AttMfgLot:s AttHeat:s ' +
    'AttFirmware:s AttBeforeDt:t AttMfgDt:t AttCureDt:t AttExpDt:t DeferManualEntry:b DeferPurchaseReceipt:b ' +
    'DeferJobReceipt:b DeferInspection:b DeferQtyAdjustment:b DeferInventoryMove:b DeferShipments:b ' +
    'DeferInventoryCounts:b DeferAssetDisposal:b DeferReturnMaterials:b MXProdServCode:s ChangedOn:s MXCustomsDuty:s ' +
    'SendToFSA:b ExternalMESSyncRequired:b ExternalMESLastSync:s FSAItem:b FSAEquipment:b BOLClass:s ' +
    'FairMarketValue:m SAFTProdCategory:s AttrClassID:s LocationIDNumReq:b LocationTrackInv:b LocationMtlView:b ' +
    'LCNRVReporting:b LCNRVEstimatedUnitPrice:m MXCustomsUMFrom:s LocationFormatID:s IsServices:b ' +
    'PEDetrGoodServiceCode:s PEProductServiceCode:s DualUOMClassID:s CNProductName:s CNWeight:m CNWeightUOM:s ' +
    'CNBonded:b TrackInventoryAttributes:b DefaultAttributeSetID:i AttISOrigCountry:s ExternalSchemeID:s ExternalID:s ' +
    'CommoditySchemeID:s CommoditySchemeVersion:s TrackInventoryByRevision:b PlanningByRevision:b ' +
    'RcvInspectionReqPart:s FSMSendTo:b FSMPartType:i CountryNumDescription:s EnableExpressCheckOut:b ' +
    'EnableGlobalLock:b EnableGlobalPart:b EnableInActive:b EnableIUM:b EnableRevCharge:b EnableSerialNum:b ' +
    'EnableTrackSerialNum:b EnableUOMClass:b ExtCoExist:b FSAInstallationCost:m FSAInstallationRequired:b ' +
    'FSAInstallationType:s FSAInstTypeDesc:s GlbFlag:b GlbLink:s GlbTableAllowUpdTrackDim:b ' +
    'GlbTableAllowUpdTrackLots:b GlbTableAllowUpdTrackSerial:b HasOnHandQty:b IsComponent:b IsCoPart:b ' +
    'ISOrigCountryNum:i NextGeneratedLotNum:s PEDetrGoodServiceCodeDesc:s PEProductServiceCodeDesc:s PLM:b ' +
    'PLMEnabled:b Revision:b SalesUMDisp:s SNLeadingZeros:b SNMaskPrefixLength:m SNMaskSuffixLength:m SNNumODigits:m ' +
    'UpdatePartPlant:b UpdateSNPartPlant:b COASegReferences:s HasMRPPlanningAttribute:b UpdatePartPlantOverride:b ' +
    'DEPayStatCodeDescr:s DEDenominationDescr:s DefaultBuyerName:s DefaultPlannerName:s EnableTrackByRevision:b ' +
    'LinkedToGlbPart:b MXProductClass:s MXActiveIngredientName:s MXChemicalName:s MXGenericProductName:s ' +
    'MXTrademark:s MXManufacturerCompany:s MXExpirationDate:t MXMedicationLot:s MXPharmaceuticalForm:s ' +
    'MXKeepCondition:s MXSanitaryRegistration:s MXCASNum:s MXImportSanitaryRegistration:s MXManufacturerData:s ' +
    'MXFormulatorData:s MXPersonData:s MXAuthorizedUse:s MXMaterialType:s MXMaterialTypeDescription:s BitFlag:i ' +
    'AnalysisCdDescription:s ClassDescription:s CommodityCodeSuppUnitsUOM:s CommodityCodeDescription:s ' +
    'CompanySendToFSA:b DualUOMClassIDDescription:s DynAttrValueSetShortDescription:s DynAttrValueSetDescription:s ' +
    'FSAssetClassCodeFSAssetClassDesc:s Mtl_AnalysisCdDescription:s MXProdServCodeDesc:s ' +
    'OnHoldReasonCodeDescription:s ProdCodeDescription:s RefCategoryDescription:s SerialMaskMaskType:i ' +
    'SerialMaskDescription:s TaxCatIDDescription:s UOMClassIDDescription:s WarrantyCodeWarrDescription:s ' +
    'XbSystELIEinvoice:b RowMod:s UD_SysRevID:s SalesCatID_c:s CustomBuyout_c:b NonSellable_c:b WebSearchable_c:b',
  GLAccountRow:
    'Company:s COACode:s GLAccount1:s AccountDesc:s SegValue1:s SegValue2:s SegValue3:s SegValue4:s SegValue5:s ' +
    'SegValue6:s SegValue7:s SegValue8:s SegValue9:s SegValue10:s SegValue11:s SegValue12:s SegValue13:s SegValue14:s ' +
    'SegValue15:s SegValue16:s SegValue17:s SegValue18:s SegValue19:s SegValue20:s PreservDesc:b PreserveActivation:b ' +
    'Active:b EffFrom:s EffTo:s MultiCompany:b ParentGLAccount:s PntSegValue1:s PntSegValue2:s PntSegValue3:s ' +
    'PntSegValue4:s PntSegValue5:s PntSegValue6:s PntSegValue7:s PntSegValue8:s PntSegValue9:s PntSegValue10:s ' +
    'PntSegValue11:s PntSegValue12:s PntSegValue13:s PntSegValue14:s PntSegValue15:s PntSegValue16:s PntSegValue17:s ' +
    'PntSegValue18:s PntSegValue19:s PntSegValue20:s ExtCompID:s SysRevID:i SysRowID:s MXConcept:s StatisticalDesc:s ' +
    'GLBGLAccountFlag:b GlobalCOA:b GlobalFlag:b DeleteOverride:b BitFlag:i GLAcctDispGLAcctDisp:s ' +
    'GLAcctDispAccountDesc:s GLAcctDispGLShortAcct:s RowMod:s UD_SysRevID:s BudgetSegCode_c:s',
  POHeaderRow:
    'Company:s OpenOrder:b VoidOrder:b PONum:i EntryPerson:s OrderDate:t FOB:s ShipViaCode:s TermsCode:s ShipName:s ' +
    'ShipAddress1:s ShipAddress2:s ShipAddress3:s ShipCity:s ShipState:s ShipZIP:s ShipCountry:s BuyerID:s ' +
    'FreightPP:b PrcConNum:i VendorNum:i PurPoint:s CommentText:s OrderHeld:b ShipToConName:s ReadyToPrint:b ' +
    'PrintAs:s CurrencyCode:s ExchangeRate:m LockRate:b ShipCountryNum:i LogChanges:b ApprovedDate:t ApprovedBy:s ' +
    'Approve:b ApprovalStatus:s ApprovedAmount:m PostToWeb:b PostDate:t VendorRefNum:s ConfirmReq:b Confirmed:b ' +
    'ConfirmVia:s OrderNum:i LegalNumber:s Linked:b ExtCompany:s XRefPONum:s ConsolidatedPO:b GlbCompany:s ' +
    'ContractOrder:b ContractStartDate:t ContractEndDate:t PrintHeaderAddress:b RateGrpCode:s POType:s APLOCID:s ' +
    'TranDocTypeID:s AutoPrintReady:b ICPOLocked:b SysRevID:i SysRowID:s DueDate:t PromiseDate:t ChangedBy:s ' +
    'ChangeDate:t POTaxReadyToProcess:b TaxRegionCode:s TaxPoint:s TaxRateDate:t TotalTax:m DocTotalTax:m ' +
    'Rpt1TotalTax:m Rpt2TotalTax:m Rpt3TotalTax:m TotalWhTax:m DocTotalWhTax:m Rpt1TotalWhTax:m Rpt2TotalWhTax:m ' +
    'Rpt3TotalWhTax:m TotalSATax:m DocTotalSATax:m Rpt1TotalSATax:m Rpt2TotalSATax:m Rpt3TotalSATax:m InPrice:b ' +
    'HdrTaxNoUpdt:b TaxRateGrpCode:s TotalDedTax:m DocTotalDedTax:m Rpt1TotalDedTax:m Rpt2TotalDedTax:m ' +
    'Rpt3TotalDedTax:m TotalCharges:m TotalMiscCharges:m TotalOrder:i DocTotalCharges:m DocTotalMisc:m ' +
    'DocTotalOrder:i Rpt1TotalCharges:m Rpt2TotalCharges:m Rpt3TotalCharges:m Rpt1TotalMiscCharges:m ' +
    'Rpt2TotalMiscCharges:m Rpt3TotalMiscCharges:m Rpt1TotalOrder:i Rpt2TotalOrder:i Rpt3TotalOrder:i ' +
    'APTaxRoundOption:i CNBonded:b EDIRevNum:i EDIPosted:b EDIPostedDate:t EDIAckDate:t ApproveMessage:s ' +
    'RecalcUnitCosts:b RuleCode:i UpdateDtlAndRelRecords:b VendCntFaxNum:s VendCntPhoneNumber:s ' +
    'ApproveChkBxSensitive:b BaseCurrencyID:s ConfirmChkBxSensitive:b EnableSupplierID:b HasLines:b ' +
    'HoldChkBxSensitive:b MassPrntChkBxSensitive:b RefCodeCurrSymbol:s VendAddrFormat:s EDIEnable:b BitFlag:i ' +
    'APLOCDescription:s BuyerIDName:s CurrencyCodeCurrName:s CurrencyCodeCurrSymbol:s CurrencyCodeDocumentDesc:s ' +
    'CurrencyCodeCurrDesc:s CurrencyCodeCurrencyID:s FOBDescription:s RateGrpDescription:s ' +
    'ShipCountryNumDescription:s ShipViaCodeInactive:b ShipViaCodeDescription:s ShipViaCodeWebDesc:s ' +
    'TaxRegionCodeDescription:s TermsCodeDescription:s VendorVendorID:s VendorZIP:s VendorDefaultFOB:s VendorCity:s ' +
    'VendorName:s VendorCountry:s VendorAddress3:s VendorTermsCode:s VendorAddress1:s VendorAddress2:s ' +
    'VendorCurrencyCode:s VendorState:s VendorEDISupplier:b VendorCntName:s VendorCntEmailAddress:s ' +
    'VendorCntPhoneNum:s VendorCntFaxNum:s VendorPPAddress3:s VendorPPCountry:s VendorPPZip:s VendorPPState:s ' +
    'VendorPPAddress1:s VendorPPName:s VendorPPPrimPCon:m VendorPPAddress2:s VendorPPCity:s XbSystAllowLinkedPOChg:b ' +
    'XbSystPOUserInt2Label:s XbSystPOUserDate3Label:s XbSystPOUserChar3Label:s XbSystPOUserChar4Label:s ' +
    'XbSystPOUserChar2Label:s XbSystPOUserDate2Label:s XbSystPOUserInt1Label:s XbSystPOUserDec1Label:s ' +
    'XbSystPOUserDec2Label:s XbSystPOUserDate4Label:s XbSystPOUserDate1Label:s XbSystPOUserChar1Label:s ' +
    'XbSystDisableOverridePriceListOption:b XbSystPOTaxCalculate:b XbSystAPTaxLnLevel:b RowMod:s UD_SysRevID:s ' +
    'PrePaymentFlag_c:b PrePaymentTerms_c:s ProductFamily_c:s VendorConfirmationNo_c:s POTerms_c:s',
  PODetailRow:
    'Company:s OpenLine:b VoidLine:b PONUM:m POLine:i LineDesc:s IUM:s UnitCost:m DocUnitCost:m OrderQty:m ' +
    'XOrderQty:m Taxable:b PUM:s CostPerCode:s PartNum:s VenPartNum:s CommentText:s ClassID:s RevisionNum:s ' +
    'RcvInspectionReq:b VendorNum:i AdvancePayBal:m DocAdvancePayBal:m Confirmed:b DateChgReq:b QtyChgReq:b ' +
    'PartNumChgReq:s RevisionNumChgReq:s ConfirmDate:t ConfirmVia:s PrcChgReq:m PurchCode:s OrderNum:i OrderLine:i ' +
    'Linked:b ExtCompany:s GlbCompany:s ContractActive:b ContractQty:m ContractUnitCost:m ContractDocUnitCost:m ' +
    'Rpt1AdvancePayBal:m Rpt2AdvancePayBal:m Rpt3AdvancePayBal:m Rpt1UnitCost:m Rpt2UnitCost:m Rpt3UnitCost:m ' +
    'ContractQtyUOM:s Rpt1ContractUnitCost:m Rpt2ContractUnitCost:m Rpt3ContractUnitCost:m BaseQty:m BaseUOM:s ' +
    'BTOOrderNum:i BTOOrderLine:i VendorPartOpts:s MfgPartOpts:s SubPartOpts:s MfgNum:i MfgPartNum:s SubPartNum:s ' +
    'SubPartType:s ConfigUnitCost:m ConfigBaseUnitCost:m ConvOverRide:b BasePartNum:s BaseRevisionNum:s Direction:s ' +
    'Per:s MaintainPricingUnits:b OverrideConversion:b RowsManualFactor:b KeepRowsManualFactorTmp:b ' +
    'ShipToSupplierDate:t Factor:m PricingQty:m PricingUnitPrice:m UOM:s SysRevID:i SysRowID:s GroupSeq:i ' +
    'DocPricingUnitPrice:m OverridePriceList:b QtyOption:s OrigComment:s SmartString:s SmartStringProcessed:b ' +
    'DueDate:t ContractID:s LinkToContract:b SelCurrPricingUnitPrice:m ChangedBy:s ChangeDate:t PCLinkRemoved:b ' +
    'TaxCatID:s NoTaxRecalc:b InUnitCost:m DocInUnitCost:m Rpt1InUnitCost:m Rpt2InUnitCost:m Rpt3InUnitCost:m ' +
    'InAdvancePayBal:m DocInAdvancePayBal:m Rpt1InAdvancePayBal:m Rpt2InAdvancePayBal:m Rpt3InAdvancePayBal:m ' +
    'InContractUnitCost:m DocInContractUnitCost:m Rpt1InContractUnitCost:m Rpt2InContractUnitCost:m ' +
    'Rpt3InContractUnitCost:m DocExtCost:m ExtCost:m Rpt1ExtCost:m Rpt2ExtCost:m Rpt3ExtCost:m DocMiscCost:m ' +
    'MiscCost:m Rpt1MiscCost:m Rpt2MiscCost:m Rpt3MiscCost:m TotalTax:m DocTotalTax:m Rpt1TotalTax:m Rpt2TotalTax:m ' +
    'Rpt3TotalTax:m TotalSATax:m DocTotalSATax:m Rpt1TotalSATax:m Rpt2TotalSATax:m Rpt3TotalSATax:m TotalDedTax:m ' +
    'DocTotalDedTax:m Rpt1TotalDedTax:m Rpt2TotalDedTax:m Rpt3TotalDedTax:m CommodityCode:s CNBonded:b EDIAckCode:s ' +
    'EDIAckComment:s AskRefCode:b CalcAssemblySeq:i CalcDocTotalCost:m CalcDueDate:t CalcJobNum:s CalcJobSeq:i ' +
    'CalcJobSeqType:s calcLeadTime:i CalcMangCustID:s CalcMangCustName:s CalcMangCustNum:i CalcMfg:s CalcMfgPart:s ' +
    'calcMinOrderQty:m CalcOurQty:m calcPartPUM:s CalcPurchasingFactor:m CalcPurchasingFactorDirection:s ' +
    'CalcTotalCost:m CalcTranType:s CalcVendQty:m Configured:s ConsolidatedPO:b ContractOrder:b CostPerCodeContract:s ' +
    'CPFactor:m CurrencyCode:s CurrencySwitch:b DelPoSug:b DisablePartRevBtn:b DispAcctDescription:s DispExpAccount:s ' +
    'DisplaySymbol:s DocDisplaySymbol:s DocScrUnitCost:m EnableRcvInspectionReq:b ExpChart:s ExpDivision:s ' +
    'ExpGLDept:s FromPOSugChg:b LinkedSOConfig:b MultiRel:b NonMasterPart:b OpCode:s PartQtyBearing:b ' +
    'POHeaderApprove:b PORelOneOpenRelease:b PriceBrkBTNSensitive:b RefCodeDesc:s RefCodeStatus:s ReferenceCode:s ' +
    'Rpt1CalcTotalCost:m Rpt1ScrUnitCost:m Rpt2CalcTotalCost:m Rpt2ScrUnitCost:m Rpt3CalcTotalCost:m ' +
    'Rpt3ScrUnitCost:m ScrUnitCost:m SetCheveron:b SubAvail:b UpdateRelRecords:b UpdateRelTaxable:b VendPurPoint:s ' +
    'AllowPORecon:b EnableDynAttrButton:b AttributeQtyMismatch:b CalcJobMtlSeq:i CalcJobOprSeq:i ' +
    'HasBuyToOrderRelease:b LineAmtCalcd:b BitFlag:i ClassInactive:b ClassDescription:s CommodityCodeDescription:s ' +
    'GlPurchPurchDesc:s MfgNumMfgID:s MfgNumName:s PartNumTrackInventoryByRevision:b PartNumPricePerCode:s ' +
    'PartNumSalesUM:s PartNumSellingFactor:m PartNumTrackSerialNum:b PartNumTrackInventoryAttributes:b ' +
    'PartNumPartDescription:s PartNumIUM:s PartNumTrackDimension:b PartNumTrackLots:b PartNumAttrClassID:s ' +
    'PONUMCurrencyCode:s PONUMOrderDate:t PONUMInPrice:b PONUMShipName:s PONUMShipToConName:s TaxCatIDDescription:s ' +
    'RowMod:s UD_SysRevID:s DeliveryInstructions_c:s',
  PORelRow:
    'Company:s OpenRelease:b VoidRelease:b PONum:i POLine:i PORelNum:i DueDate:t XRelQty:m PurchasingFactor:m ' +
    'RelQty:m JobNum:s AssemblySeq:i JobSeqType:s JobSeq:i WarehouseCode:s ReceivedQty:m ExpOverride:b ReqNum:i ' +
    'ReqLine:i Plant:s PromiseDt:t ProjectID:s Confirmed:b ConfirmVia:s ReqChgDate:t ReqChgQty:m LockRel:s ' +
    'RefDisplayAccount:s RefType:s RefCode:s RefCodeDesc:s OrderNum:i OrderLine:i OrderRelNum:i Linked:b ExtCompany:s ' +
    'ShippedQty:m TranType:s GlbCompany:s GlbPlant:s GlbWarehouse:s GlbCreateJobMtl:b ShippedDate:t ContainerID:i ' +
    'PurchasingFactorDirection:s PreviousDueDate:t BaseQty:m BaseUOM:s BTOOrderNum:i BTOOrderLine:i BTOOrderRelNum:i ' +
    'DropShip:b ShipToNum:s SoldToNum:i SMIRcvdQty:m ShpConNum:i ShipToCustNum:i MangCustNum:i UseOTS:b OTSName:s ' +
    'OTSAddress1:s OTSAddress2:s OTSAddress3:s OTSCity:s OTSState:s OTSZIP:s OTSResaleID:s OTSContact:s OTSFaxNum:s ' +
    'OTSPhoneNum:s OTSCountryNum:i ComplianceMsg:s PORelOpen:b Mapping:b PhaseID:s WBSPhaseID:s IsMultiRel:b ' +
    'SysRevID:i SysRowID:s SMIRemQty:m LockQty:b LockDate:b DueDateChanged:b ContractID:s LinkToContract:b Status:s ' +
    'ArrivedQty:m InvoicedQty:m NeedByDate:t LockNeedByDate:b InspectionQty:m FailedQty:m PassedQty:m ProjProcessed:b ' +
    'DeliverTo:s Taxable:b TaxExempt:s NoTaxRecalc:b EpicorFSA:b ReqChgPromiseDate:t OTSEMailAddress:s ' +
    'AttributeSetID:i NumberOfPieces:m NumberOfPiecesUOM:s PlanningNumberOfPieces:m FirmRelease:b ' +
    'OTSTaxValidationStatus:i OTSTaxValidationDate:t EDIShipReferenceType:s EDIShipReferenceData:s ' +
    'EDIEstimatedDockDate:t EDIShipQty:m EDIShipQtyUOM:s ConsolidatedPO:b ContractOrder:b DelPoSug:b DispGLAcct:s ' +
    'DocTotalDedTax:m DocTotalSATax:m DocTotalTax:m EnableBTOOrderNum:b EnableGLAcct:b EstUnitCost:m ExpDesc:s ' +
    'FromPOSugChg:b GlbPlantName:s GlbWhseName:s Inspection:b IUM:s Lock:b MangCustID:s MangCustName:s NotCompliant:b ' +
    'OrderHeld:b POHeaderApprove:b POType:s PUM:s PurPoint:s RefCodeStatus:s Rpt1TotalDedTax:m Rpt1TotalSATax:m ' +
    'Rpt1TotalTax:m Rpt2TotalDedTax:m Rpt2TotalSATax:m Rpt2TotalTax:m Rpt3TotalDedTax:m Rpt3TotalSATax:m ' +
    'Rpt3TotalTax:m ShipToAddressList:s StatusDescription:s TotalDedTax:m TotalSATax:m TotalTax:m TranTypeDesc:s ' +
    'UseGlbFields:b VendorID:s VendorName:s ContainerShipped:b ShipToAddrFormatted:s AttrClassID:s ' +
    'TrackInventoryAttributes:b EnableDynAttrButton:b AttributeQtyMismatch:b JobMtlSeq:i JobOprSeq:i ' +
    'TrackInventoryByRevision:b BitFlag:i AssemblySeqDescription:s ContainerHeaderPromiseDate:t ' +
    'ContainerHeaderDueDate:t DynAttrValueSetShortDescription:s DynAttrValueSetDescription:s PlantName:s ' +
    'POLineRevisionNum:s POLineLineDesc:s POLineVenPartNum:s POLinePartNum:s PONumShipName:s PONumShipToConName:s ' +
    'ProjectIDDescription:s ReqLineLineDesc:s ReqNumShipName:s ReqNumShipToConName:s ShipToCustNumInactive:b ' +
    'ShipToCustNumBTName:s ShipToCustNumCustID:s ShipToCustNumName:s ShipToNumInactive:b SoldToNumCustID:s ' +
    'SoldToNumBTName:s SoldToNumName:s SoldToNumInactive:b WarehouseCodeDescription:s WBSPhaseDescription:s RowMod:s',
  APInvHedRow:
    'Company:s OpenPayable:b VendorNum:i InvoiceNum:s DebitMemo:b InvoiceDate:t TermsCode:s TaxAmt:m DocTaxAmt:m ' +
    'DiscountDate:t DiscountAmt:m DocDiscountAmt:m DueDate:t PayDates:s PayAmounts:s DocPayAmounts:s GLPosted:b ' +
    'GroupID:s Posted:b FiscalYear:i FiscalPeriod:i StartUp:b InvoiceRef:s EntryPerson:s InvoiceComment:s ' +
    'InvoiceAmt:m DocInvoiceAmt:m DocInvoiceVendorAmt:m InvoiceBal:m DocInvoiceBal:m UnpostedBal:m DocUnpostedBal:m ' +
    'InvoiceHeld:b PayHold:b Description:s CurrencyCode:s ExchangeRate:m LockRate:b REFPONum:i TaxRegionCode:s ' +
    'JournalNum:i JournalCode:s UpdateTax:b InvoiceVendorAmt:m LegalNumber:s ExternalID:s FixedAmt:b XRefInvoiceNum:s ' +
    'GlbCompany:s GlbVendorNum:i GlbInvoiceNum:s DepGainLoss:m CPay:b CPayLinked:b CPayLegalNumber:s CPayCheckNum:i ' +
    'CPayCheckDate:t CPayInvoiceBal:m CPayDocInvoiceBal:m Rounding:m GLControlType:s DocRounding:m GLControlCode:s ' +
    'Rpt1DiscountAmt:m Rpt2DiscountAmt:m Rpt3DiscountAmt:m Rpt1InvoiceAmt:m Rpt2InvoiceAmt:m Rpt3InvoiceAmt:m ' +
    'Rpt1InvoiceBal:m Rpt2InvoiceBal:m Rpt3InvoiceBal:m Rpt1InvoiceVendorAmt:m Rpt2InvoiceVendorAmt:m ' +
    'Rpt3InvoiceVendorAmt:m Rpt1PayAmounts:s Rpt2PayAmounts:s Rpt3PayAmounts:s Rpt1Rounding:m Rpt2Rounding:m ' +
    'Rpt3Rounding:m Rpt1TaxAmt:m Rpt2TaxAmt:m Rpt3TaxAmt:m Rpt1UnpostedBal:m Rpt2UnpostedBal:m Rpt3UnpostedBal:m ' +
    'RateGrpCode:s Rpt1CPayInvoiceBal:m Rpt2CPayInvoiceBal:m Rpt3CPayInvoiceBal:m AllowOverrideLI:b MatchedFromLI:b ' +
    'ApplyDate:t FiscalYearSuffix:s FiscalCalendarID:s TaxPoint:s TaxRateDate:t ReadyToCalc:b RecalcBeforePost:b ' +
    'GetDfltTaxIds:b PMUID:i PayDiscDays:s PayDiscPer:s WithholdAmt:m DocWithholdAmt:m Rpt1WithholdAmt:m ' +
    'Rpt2WithholdAmt:m Rpt3WithholdAmt:m PayDiscPartPay:b PIPayment:s CorrectionInv:b TaxRateGrpCode:s LockTaxRate:b ' +
    'SEBankRef:s SEPayCode:s GUIFormatCode:s GUITaxTypeCode:s GUIDeductCode:s PrePayment:b APLOCID:s Plant:s ' +
    'GUIImportTaxBasis:m DocGUIImportTaxBasis:m Rpt1GUIImportTaxBasis:m Rpt2GUIImportTaxBasis:m ' +
    'Rpt3GUIImportTaxBasis:m OvrDefTaxDate:b Linked:b ClaimRef:s EmpID:s InBankFile:b CNConfirmDate:t BankID:s ' +
    'SelfLegalNumber:s SelfTranDocTypeID:s MainSite:b CardCode:s SiteCode:s BankGiroAcctNbr:s BranchID:s ' +
    'SupAgentName:s SupAgentTaxRegNo:s NonDeductCode:s AssetTypeCode:s Cash:b CreditCard:b Normal:b CardID:s ' +
    'CardHolderTaxID:s CardMemberName:s Excluded:b Deferred:b NonDeductAmt:m NonDeductDocAmt:m NonDeductRpt1Amt:m ' +
    'NonDeductRpt2Amt:m NonDeductRpt3Amt:m NonDeductVATAmt:m NonDeductVATDocAmt:m NonDeductVATRpt1Amt:m ' +
    'NonDeductVATRpt2Amt:m NonDeductVATRpt3Amt:m ImportNum:s ImportedFrom:s ImportedDate:t AdvTaxInv:b InPrice:b ' +
    'TranDocTypeID:s DevInt1:i DevInt2:i DevDec1:m DevDec2:m DevDec3:m DevDec4:m DevLog1:b DevLog2:b DevChar1:s ' +
    'DevChar2:s DevDate1:t DevDate2:t PaymentNumber:s CycleCode:s Duration:m EndDate:t MaxValueAmt:m DocMaxValueAmt:m ' +
    'Rpt1MaxValueAmt:m Rpt2MaxValueAmt:m Rpt3MaxValueAmt:m HoldInvoice:b CopyLatestInvoice:b OverrideEndDate:b ' +
    'CycleInactive:b RecurSource:b InstanceNum:i RecurBalance:m DocRecurBalance:m Rpt1RecurBalance:m ' +
    'Rpt2RecurBalance:m Rpt3RecurBalance:m LastDate:t IsRecurring:b InvoiceNumList:s IsMaxValue:b SysRevID:i ' +
    'SysRowID:s CHISRCodeLine:s DMReason:s UrgentPayment:b AGDocPageNum:s AGCAICAEMark:s AGCAICAENum:s ' +
    'AGCAICAEExpirationDate:t AGAvTaxCreditFlag:b AGUseGoodDefaultMark:b AGCustomsClearanceNum:s AGCustomsCode:s ' +
    'AGDestinationCode:s HeadNum:i TranType:s TaxSvcID:s TWDeclareYear:i TWDeclarePeriod:i APChkGrpID:s InvoiceType:s ' +
    'PEComputationalCost:s ReferencedByBOE:s PEDUARefNum:s CustomsNumber:s ReceivedDate:t CustOverride:i ' +
    'PrePaymentNum:s PrePaymentAmt:m DocPrePaymentAmt:m Rpt1PrePaymentAmt:m Rpt2PrePaymentAmt:m Rpt3PrePaymentAmt:m ' +
    'PEAPPayNum:i PEDetTaxAmt:m PEDetTaxCurrencyCode:s PESUNATDepAmt:m DocPESUNATDepAmt:m PESUNATDepDate:t ' +
    'PESUNATDepNum:s PESUNATNum:s DocPEDetTaxAmt:m MXFiscalFolio:s PEBOEIsMultiGen:b ChangedBy:s ChangeDate:t ' +
    'PrePayHeadNum:i MXRetentionCode:s PERefDocID:s PEReasonCode:s PEReasonDesc:s MYImportNum:s TWGUIRegNumSeller:s ' +
    'TWGUIRegNumBuyer:s MXTARCode:s GRNIClearing:b PEFiscalCreditOperStatus:i PEInternatTaxAgr:s PERentType:s ' +
    'PEPurchaseType:s THRefInvoiceNum:s THRefVendorNum:i JPSummarizationDate:t JPBillingDate:t JPBillingNumber:s ' +
    'SelfInvoice:b Printed:b PurPoint:s PLInvoiceReference:s INPortCode:s RefCancelledby:s CancellationInv:b ' +
    'NettingID:i WithholdAcctToInterim:b APTaxRoundOption:i SourcePlant:s ExtSysType:s ExtSysURL:s CHQRIBAN:s ' +
    'CHQRReference:s EDIInvoice:b AllowMultInvcReceipts:b ApplyAPPrePayAuto:b BankName:s BaseCurrencyID:s ' +
    'BaseCurrSymbol:s BillAddressList:s CanChangeTaxLiab:b COIFRSCalculation:b COIFRSEnabled:b ' +
    'COIFRSFinancialCharge:m COIFRSInterestRate:m COIFRSNumberOfPeriods:m COIFRSPresentValue:m CPayIMReceived:b ' +
    'CPayOpenPayable:b CumulativeBalance:m CurrencySwitch:b CurrInstanceNum:i CurrSymbol:s DisableAplDate:b ' +
    'DocCOIFRSFinancialCharge:m DocCOIFRSPresentValue:m DocCumulativeBalance:m DocInvoiceVariance:m ' +
    'DocMiscChrgNonDeducTax:m DocMiscChrgVariance:m DocScrHdrExpTotal:m DocSourceRecurBalance:m ' +
    'DspGuiImportTaxBasis:m EnableAssignLegNum:b EnableCPay:b EnableDueDate:b EnableExchangeRate:b EnableLockRate:b ' +
    'EnableTaxExRate:b EnableTaxLock:b EnableTranDocType:b EnableVoidLegNum:b ExchangeRateDate:t GuiTaxBasisFlag:b ' +
    'HasLegNumCnfg:b IBANCode:s InvoiceTypeDesc:s InvoiceVariance:m IsLatestRecurrence:b IsLcked:b ' +
    'IsOnlyMiscRecords:b LACTaxCalcEnabled:b LatestInvoice:m LatestInvString:s LegalNumberMessage:s ' +
    'LineOrMscChrgExists:b LockStatus:s MiscChrgNonDeducTax:m MiscChrgVariance:m NextInvoiceDate:t NoChangeRecur:b ' +
    'PayMethod:s PEFiscalCreditOperStatusDsp:s PEIsNRInvc:b PLVendorAutoInvoiceNum:b PostInvtyWipCos:b RecalcAmts:s ' +
    'Recurring:b RecurringState:s Rpt1COIFRSFinancialCharge:m Rpt1COIFRSPresentValue:m Rpt1CumulativeBalance:m ' +
    'Rpt1InvoiceVariance:m Rpt1MiscChrgNonDeducTax:m Rpt1MiscChrgVariance:m Rpt1ScrDiscountAmt:m Rpt1ScrHdrExpTotal:m ' +
    'Rpt1ScrHdrMiscChrgTotal:m Rpt1ScrInvLineTotal:m Rpt1ScrInvoiceAmt:m Rpt1ScrInvoiceBal:m ' +
    'Rpt1ScrInvoiceVendorAmt:m Rpt1ScrLACTaxAmt:m Rpt1ScrRounding:m Rpt1ScrTaxAmt:m Rpt1ScrTotBOEWithholding:m ' +
    'Rpt1ScrTotDedTaxAmt:m Rpt1ScrTotInvoiceAmt:m Rpt1ScrTotReportableAmt:m Rpt1ScrTotSelfAmt:m ' +
    'Rpt1ScrTotTaxableAmt:m Rpt1ScrTotWithholdingAmt:m Rpt1ScrUnpostedBal:m Rpt1SourceRecurBalance:m ' +
    'Rpt2COIFRSFinancialCharge:m Rpt2COIFRSPresentValue:m Rpt2CumulativeBalance:m Rpt2InvoiceVariance:m ' +
    'Rpt2MiscChrgNonDeducTax:m Rpt2MiscChrgVariance:m Rpt2ScrDiscountAmt:m Rpt2ScrHdrExpTotal:m ' +
    'Rpt2ScrHdrMiscChrgTotal:m Rpt2ScrInvLineTotal:m Rpt2ScrInvoiceAmt:m Rpt2ScrInvoiceBal:m ' +
    'Rpt2ScrInvoiceVendorAmt:m Rpt2ScrLACTaxAmt:m Rpt2ScrRounding:m Rpt2ScrTaxAmt:m Rpt2ScrTotBOEWithholding:m ' +
    'Rpt2ScrTotDedTaxAmt:m Rpt2ScrTotInvoiceAmt:m Rpt2ScrTotReportableAmt:m Rpt2ScrTotSelfAmt:m ' +
    'Rpt2ScrTotTaxableAmt:m Rpt2ScrTotWithholdingAmt:m Rpt2ScrUnpostedBal:m Rpt2SourceRecurBalance:m ' +
    'Rpt3COIFRSFinancialCharge:m Rpt3COIFRSPresentValue:m Rpt3CumulativeBalance:m Rpt3InvoiceVariance:m ' +
    'Rpt3MiscChrgNonDeducTax:m Rpt3MiscChrgVariance:m Rpt3ScrDiscountAmt:m Rpt3ScrHdrExpTotal:m ' +
    'Rpt3ScrHdrMiscChrgTotal:m Rpt3ScrInvLineTotal:m Rpt3ScrInvoiceAmt:m Rpt3ScrInvoiceBal:m ' +
    'Rpt3ScrInvoiceVendorAmt:m Rpt3ScrLACTaxAmt:m Rpt3ScrRounding:m Rpt3ScrTaxAmt:m Rpt3ScrTotBOEWithholding:m ' +
    'Rpt3ScrTotDedTaxAmt:m Rpt3ScrTotInvoiceAmt:m Rpt3ScrTotReportableAmt:m Rpt3ScrTotSelfAmt:m ' +
    'Rpt3ScrTotTaxableAmt:m Rpt3ScrTotWithholdingAmt:m Rpt3ScrUnpostedBal:m Rpt3SourceRecurBalance:m ' +
    'RptScrTotWithholdingAmt:m RvnJrnUID:i ScrDiscountAmt:m ScrDocDiscountAmt:m ScrDocHdrMiscChrgTotal:m ' +
    'ScrDocInvLineTotal:m ScrDocInvoiceAmt:m ScrDocInvoiceBal:m ScrDocInvoiceVendorAmt:m ScrDocRounding:m ' +
    'ScrDocTaxAmt:m ScrDocTotBOEWithholding:m ScrDocTotDedTaxAmt:m ScrDocTotInvoiceAmt:m ScrDocTotReportableAmt:m ' +
    'ScrDocTotSelfAmt:m ScrDocTotTaxableAmt:m ScrDocTotWithholdingAmt:m ScrDocUnpostedBal:m ScrHdrExpTotal:m ' +
    'ScrHdrMiscChrgTotal:m ScrInvLineTotal:m ScrInvoiceAmt:m ScrInvoiceBal:m ScrInvoiceRef:s ScrInvoiceVendorAmt:m ' +
    'ScrLACDocTaxAmt:m ScrLACTaxAmt:m ScrRounding:m ScrTaxAmt:m ScrTotBOEWithholding:m ScrTotDedTaxAmt:m ' +
    'ScrTotInvoiceAmt:m ScrTotReportableAmt:m ScrTotSelfAmt:m ScrTotTaxableAmt:m ScrTotWithholdingAmt:m ' +
    'ScrUnpostedBal:m SkipRecurring:b SourceInvoiceNum:s SourceLastDate:t SourceRecurBalance:m SwiftCode:s ' +
    'SystemTranType:s TaxExchangeRate:m TaxLinesExist:b TaxRateLinesExist:b TotalInstanceNum:i ' +
    'TranDocTypeDescription:s TransApplyDate:t UseTaxRate:b VendorInactive:b VendorPayHold:b VNDateReceived:s ' +
    'VNInvoiceType:s XRateLabel:s AllowChgAfterPrint:b FormattedVendorNameAddress:s SiteIsLegalEntity:b BitFlag:i ' +
    'AGCustomsDescription:s AGDestinationDescription:s APInvRecurringCycleInactive:b APInvRecurringCycleDescription:s ' +
    'APLOCIDDescription:s CurrencyCodeCurrName:s CurrencyCodeCurrSymbol:s CurrencyCodeCurrencyID:s ' +
    'CurrencyCodeCurrDesc:s CurrencyCodeDocumentDesc:s GLCntrlDescription:s GLCntrlTypeDescription:s ' +
    'JournalCodeJrnlDescription:s PayMethodType:i PayMethodSummarizePerCustomer:b PayMethodName:s ' +
    'RateGrpCodeDescription:s SourcePlantName:s TaxRateGrpDescription:s TaxRegionCodeDescription:s ' +
    'TermsCodeDescription:s TermsCodeTermsType:s THRefVendorNumName:s THRefVendorNumVendorID:s VendBankPMUID:i ' +
    'VendBankCardCode:s VendBankBankAcctNumber:s VendBankIBANCode:s VendBankBankGiroAcctNbr:s VendBankSwiftNum:s ' +
    'VendBankLocalBIC:s VendBankBankName:s VendorNumCurrencyCode:s VendorNumZIP:s VendorNumAddress2:s ' +
    'VendorNumAddress3:s VendorNumCity:s VendorNumAddress1:s VendorNumCountry:s VendorNumVendorID:s ' +
    'VendorNumTermsCode:s VendorNumDefaultFOB:s VendorNumState:s VendorNumName:s XbSystAPTaxLnLevel:b ' +
    'XbSystIsDiscountforDebitM:b RowMod:s',
  APInvDtlRow:
    'Company:s VendorNum:i InvoiceNum:s InvoiceLine:i LineType:s UnitCost:m DocUnitCost:m PartNum:s PONum:i POLine:i ' +
    'PORelNum:i Description:s JobNum:s AssemblySeq:i JobSeqType:s JobSeq:i PurPoint:s PackSlip:s PackLine:i ' +
    'VendorQty:m PUM:s OurQty:m IUM:s CostPerCode:s VenPartNum:s ExtCost:m DocExtCost:m TotalMiscChrg:m ' +
    'DocTotalMiscChrg:m LineComment:s MatchDate:t MatchFiscalYear:i MatchFiscalPeriod:i TaxExempt:s TaxCatID:s ' +
    'AdvancePayAmt:m DocAdvancePayAmt:m PurchCode:s LineDiscAmt:m DocLineDiscAmt:m GlbCompany:s GlbVendorNum:i ' +
    'GlbInvoiceNum:s GlbInvoiceLine:i AdvGainLoss:m MultiCompany:b RevChargeMethod:s OverrideReverseCharge:b ' +
    'RevChargeApplied:b Rpt1AdvancePayAmt:m Rpt2AdvancePayAmt:m Rpt3AdvancePayAmt:m Rpt1ExtCost:m Rpt2ExtCost:m ' +
    'Rpt3ExtCost:m Rpt1LineDiscAmt:m Rpt2LineDiscAmt:m Rpt3LineDiscAmt:m Rpt1TotalMiscChrg:m Rpt2TotalMiscChrg:m ' +
    'Rpt3TotalMiscChrg:m Rpt1UnitCost:m Rpt2UnitCost:m Rpt3UnitCost:m DocAdvPayAppld:m Rpt1AdvGainLoss:m ' +
    'Rpt2AdvGainLoss:m Rpt3AdvGainLoss:m MatchFiscalYearSuffix:s MatchFiscalCalendarID:s TaxRegionCode:s ' +
    'ContainerID:i DropShipPackLine:i DropShipPackSlip:s CorrectionDtl:b TaxConnectCalc:b AssetNum:s AdditionNum:i ' +
    'InvoiceLineRef:m DocAssetInvoiceBal:m AssetBalOurQty:m AssetQtyIUM:s DMRNum:i DMRActionNum:i ' +
    'CreatedFromExpense:b InUnitCost:m DocInUnitCost:m Rpt1InUnitCost:m Rpt2InUnitCost:m Rpt3InUnitCost:m InExtCost:m ' +
    'DocInExtCost:m Rpt1InExtCost:m Rpt2InExtCost:m Rpt3InExtCost:m InTotalMiscChrg:m DocInTotalMiscChrg:m ' +
    'Rpt1InTotalMiscChrg:m Rpt2InTotalMiscChrg:m Rpt3InTotalMiscChrg:m InAdvancePayAmt:m DocInAdvancePayAmt:m ' +
    'Rpt1InAdvancePayAmt:m Rpt2InAdvancePayAmt:m Rpt3InAdvancePayAmt:m InLineDiscAmt:m DocInLineDiscAmt:m ' +
    'Rpt1InLineDiscAmt:m Rpt2InLineDiscAmt:m Rpt3InLineDiscAmt:m NoTaxRecal:b DevInt1:i DevInt2:i DevDec1:m DevDec2:m ' +
    'DevDec3:m DevDec4:m DevLog1:b DevLog2:b DevChar1:s DevChar2:s DevDate1:t DevDate2:t SysRevID:i SysRowID:s ' +
    'ScrWithholdAmt:m DocScrWithholdAmt:m Rpt1ScrWithholdAmt:m Rpt2ScrWithholdAmt:m Rpt3ScrWithholdAmt:m InvoiceRef:s ' +
    'APTranNo:i DocAdvPayAppliedAmt:m Code1099ID:s Gen1099Code:s FormTypeID:s DEIsServices:b ' +
    'DEIsSecurityFinancialDerivative:b DEInternationalSecuritiesID:s DEIsInvestment:b DEPayStatCode:s DeferredExp:b ' +
    'DEACode:s DEAAmt:m DEAStartDate:t DEAEndDate:t DEDenomination:s ExternalPONum:s ChangedBy:s ChangeDate:t ' +
    'MYImportNum:s FinalInvoice:b CommodityCode:s TotalTax:m DocTotalTax:m Rpt1TotalTax:m Rpt2TotalTax:m ' +
    'Rpt3TotalTax:m TotalSATax:m DocTotalSATax:m Rpt1TotalSATax:m Rpt2TotalSATax:m Rpt3TotalSATax:m TotalDedTax:m ' +
    'DocTotalDedTax:m Rpt1TotalDedTax:m Rpt2TotalDedTax:m Rpt3TotalDedTax:m PBInvNum:i CancellationDtl:b ' +
    'AttributeSetID:i AttributeSetDescription:s AttributeSetShortDescription:s TaxExemptReasonCode:s RevisionNum:s ' +
    'ExtSysType:s ExtSysURL:s AdjustmentValue:m AllocationAmount:m AllocationDesc:s AllocationID:s AllowGLDistAdd:b ' +
    'AllowGLDistAllocation:b AllowGLDistDelete:b AllowJobMiscAdd:b AllowJobMiscDelete:b AllowJobMiscUpdate:b ' +
    'BaseCurrencyID:s BaseCurrSymbol:s CurrencyCode:s CurrencyID:s CurrencySwitch:b CurrSymbol:s DEACodeDesc:s ' +
    'DEAScheduled:b DebitMemo:b Distributed:m DocAdjustmentValue:m DocAllocationAmount:m DocDistributed:m ' +
    'DocDspLineTotal:m DocExpense:m DocGLLineTotal:m DocInTaxAmt:m DocLineExpenses:m DocLineSubtotal:m DocLineTotal:m ' +
    'DocNonDeducTaxExpense:m DocOrgExtCost:m DocPEDetAmt:m DocRecognized:m DocRemaining:m DocScrInvoiceBal:m ' +
    'DocScrTotalDedTax:m DocScrTotalSATax:m DocScrTotalTax:m DocScrUnitCost:m DocTotDistribAmt:m DocUnrecognized:m ' +
    'DocVariance:m DropShipment:b DspAllocationAmount:m DspLineTotal:m EnableDiscountAmt:b EnableIntrastat:b ' +
    'EnableIntrastatDsp:b EnablePurchaseCode:b EnableRevCharge:b EnableScrWithholdAmt:b EnableShipmentID:b ' +
    'EnableSubCData:b EnableSupplierXRef:b Expense:m GLAccount:s GLLineTotal:m GridVenPartNum:s GroupID:s InPrice:b ' +
    'InTaxAmt:m IsAdvance:b JPTaxAdjustment:b LineExpenses:m LineSubtotal:m LineTotal:m LineTypeDescription:s ' +
    'NonDeducTaxExpense:m OrgExtCost:m PEDetAmt:m POCostPerCode:s PODocUnitCost:m POLineDesc:s POPartNum:s POPUM:s ' +
    'POReceivedQty:m PORelIUM:s PORelOurQty:m PORelQty:m Posted:b POUnitCost:m POVenPartNum:s POWarn:s Print1099:b ' +
    'RcptDestination:s RcptIUM:s RcptOurQty:m RcptPartDescription:s RcptPartNum:s RcptPUM:s RcptReceiptDate:t ' +
    'RcptVendorQty:m RcptVenPartNum:s RecalcGLAcct:b Recognized:m Remaining:m RevChargeMethodDesc:s ' +
    'Rpt1AdjustmentValue:m Rpt1AllocationAmount:m Rpt1Distributed:m Rpt1DspLineTotal:m Rpt1Expense:m ' +
    'Rpt1GLLineTotal:m Rpt1InTaxAmt:m Rpt1LineExpenses:m Rpt1LineSubTotal:m Rpt1LineTotal:m Rpt1NonDeducTaxExpense:m ' +
    'Rpt1OrgExtCost:m Rpt1PEDetAmt:m Rpt1POUnitCost:m Rpt1Recognized:m Rpt1Remaining:m Rpt1ScrExtCost:m ' +
    'Rpt1ScrInvoiceBal:m Rpt1ScrLineDiscAmt:m Rpt1ScrTotalDedTax:m Rpt1ScrTotalMiscChrg:m Rpt1ScrTotalSATax:m ' +
    'Rpt1ScrTotalTax:m Rpt1ScrUnitCost:m Rpt1TotDistribAmt:m Rpt1Unrecognized:m Rpt1Variance:m Rpt2AdjustmentValue:m ' +
    'Rpt2AllocationAmount:m Rpt2Distributed:m Rpt2DspLineTotal:m Rpt2Expense:m Rpt2GLLineTotal:m Rpt2InTaxAmt:m ' +
    'Rpt2LineExpenses:m Rpt2LineSubtotal:m Rpt2LineTotal:m Rpt2NonDeducTaxExpense:m Rpt2OrgExtCost:m Rpt2PEDetAmt:m ' +
    'Rpt2POUnitCost:m Rpt2Recognized:m Rpt2Remaining:m Rpt2ScrExtCost:m Rpt2ScrInvoiceBal:m Rpt2ScrLineDiscAmt:m ' +
    'Rpt2ScrTotalDedTax:m Rpt2ScrTotalMiscChrg:m Rpt2ScrTotalSATax:m Rpt2ScrTotalTax:m Rpt2ScrUnitCost:m ' +
    'Rpt2TotDistribAmt:m Rpt2Unrecognized:m Rpt2Variance:m Rpt3AdjustmentValue:m Rpt3AllocationAmount:m ' +
    'Rpt3Distributed:m Rpt3DspLineTotal:m Rpt3Expense:m Rpt3GLLineTotal:m Rpt3InTaxAmt:m Rpt3LineExpenses:m ' +
    'Rpt3LineSubtotal:m Rpt3LineTotal:m Rpt3NonDeducTaxExpense:m Rpt3OrgExtCost:m Rpt3PEDetAmt:m Rpt3POUnitCost:m ' +
    'Rpt3Recognized:m Rpt3Remaining:m Rpt3ScrExtCost:m Rpt3ScrInvoiceBal:m Rpt3ScrLineDiscAmt:m Rpt3ScrTotalDedTax:m ' +
    'Rpt3ScrTotalMiscChrg:m Rpt3ScrTotalSATax:m Rpt3ScrTotalTax:m Rpt3ScrUnitCost:m Rpt3TotDistribAmt:m ' +
    'Rpt3Unrecognized:m Rpt3Variance:m ScrDocExtCost:m ScrDocLineDiscAmt:m ScrDocTotalMiscChrg:m ScrExtCost:m ' +
    'ScrInvoiceBal:m ScrInvoiceRef:s ScrLineDiscAmt:m ScrLineType:s ScrOurQty:m ScrTotalDedTax:m ScrTotalMiscChrg:m ' +
    'ScrTotalSATax:m ScrTotalTax:m ScrUnitCost:m ScrVendorQty:m TotDistribAmt:m Unrecognized:m ' +
    'UpdateExtCreateLineGL:b UsePurchaseCode:b Variance:m UpdateExtOverrideRcpts:b RelatedToRcvDtlSysRowID:s ' +
    'EnableAttributeSetBtn:b DEPayStatCodeDescr:s DEDenominationDescr:s PORevisionNum:s RcptRevisionNum:s BitFlag:i ' +
    'AssemblySeqDescription:s AssetNumAssetDescription:s Code1099Description:s CommodityCodeDescription:s ' +
    'ContainerIDContainerDescription:s FormTypeDescription:s GLPurchPurchDesc:s InvoiceNumDebitMemo:b ' +
    'InvoiceNumPosted:b InvoiceNumDescription:s InvoiceNumCurrencyCode:s JobNumPartDescription:s ' +
    'PartNumTrackInventoryAttributes:b PartNumTrackSerialNum:b PartNumTrackLots:b PartNumPricePerCode:s PartNumIUM:s ' +
    'PartNumSellingFactor:m PartNumTrackDimension:b PartNumPartDescription:s PartNumSalesUM:s PartNumAttrClassID:s ' +
    'POLineLineDesc:s POLineVenPartNum:s POLinePartNum:s TaxCatIDDescription:s VendorNumName:s VendorNumAddress2:s ' +
    'VendorNumCountry:s VendorNumCity:s VendorNumDefaultFOB:s VendorNumCurrencyCode:s VendorNumState:s ' +
    'VendorNumTermsCode:s VendorNumVendorID:s VendorNumAddress3:s VendorNumZIP:s VendorNumAddress1:s VendorPPName:s ' +
    'vrPONumShipToConName:s vrPONumShipName:s RowMod:s',
  CheckHedRow:
    'Company:s Posted:b GroupID:s HeadNum:i BankAcctID:s CheckNum:i CheckDate:t FiscalYear:i FiscalPeriod:i Voided:b ' +
    'CheckSrc:s ClearedCheck:b ClearedPending:b ClearedAmt:m DocClearedAmt:m ClearedPerson:s ClearedDate:t ' +
    'ClearedTime:s ClearedStmtEndDate:t EmployeeNum:s CheckAmt:m DocCheckAmt:m ManualPrint:b EntryPerson:s ' +
    'VendorNum:i Name:s Address1:s Address2:s Address3:s City:s State:s ZIP:s Country:s CurrencyCode:s ExchangeRate:m ' +
    'CountryNum:i BankSlip:s ElecPayment:b VendorBankID:s VendorBankName:s VendorBankNameOnAccount:s ' +
    'VendorBankAddress1:s VendorBankAddress2:s VendorBankAddress3:s VendorBankCity:s VendorBankState:s ' +
    'VendorBankPostalCode:s VendorBankCountryNum:i VendorBankAcctNumber:s VendorBankSwiftNum:s CashBookNum:i ' +
    'CashbookLine:i XRefCheckNum:s Rpt1CheckAmt:m Rpt2CheckAmt:m Rpt3CheckAmt:m Rpt1ClearedAmt:m Rpt2ClearedAmt:m ' +
    'Rpt3ClearedAmt:m RateGrpCode:s FiscalYearSuffix:s FiscalCalendarID:s PaymentTotal:m DocPaymentTotal:m ' +
    'Rpt1PaymentTotal:m Rpt2PaymentTotal:m Rpt3PaymentTotal:m Variance:m DocVariance:m Rpt1Variance:m Rpt2Variance:m ' +
    'Rpt3Variance:m PaymentBankRate:m BankTotalAmt:m IsEnterTotal:b LockRate:m ReadyToCalc:b RecalcBeforePost:b ' +
    'UsePendAcct:b ForceDiscount:b FirstHeadNum:i ApplyingPayment:b Plant:s InvoiceNum:s PMUID:i PCashDeskID:s ' +
    'BankTranID:s PCashRefNum:i BankPaidAmt:m DocBankPaidAmt:m Rpt1BankPaidAmt:m Rpt2BankPaidAmt:m Rpt3BankPaidAmt:m ' +
    'BankTransDate:t PaymentNumber:s SysRevID:i SysRowID:s VendorBankIBANCode:s OwnReference:s NOPaymentStatus:i ' +
    'NOPaymentDirection:s NOPaymentType:s NOTransferFileName:s NOBankTransRef:s BalanceUpdate:m BankClearedAmt:m ' +
    'BankRecGainLoss:m BOEInvoiceNum:s DocBankRecGainLoss:m MsgId:s MXRecDate:t PayLegalNumber:s PayTranDocTypeID:s ' +
    'Rpt1BankRecGainLoss:m Rpt2BankRecGainLoss:m Rpt3BankRecGainLoss:m TaxPaymInfo:s VoidLegalNumber:s ' +
    'VoidTranDocTypeID:s SEGrpNum:i SEReference:s SEISGroupedPO3:b SEISExported:b LegalNumber:s TranDocTypeID:s ' +
    'MXBankAcctNumber:s MXBankIdentifier:s MXRFC:s BankBatchExcluded:b BankBatchSysRowID:s ChangedBy:s ChangeDate:t ' +
    'ABTUID:s SEPAPaymentDescription:s THPayerType:i THRefInvoiceNum:s THRefVendorNum:i VoidedReason:s ' +
    'RegulatoryReportingCode:s MXFiscalFolio:s TaxPointDate:t SEC:s ACHTranCode:i US1099KMerchCatCode:s US1099KGen:b ' +
    'VendorBankBranchCode:s NettingID:i Description:s VoidDescription:s DMDescription:s MXDIOTTranType:s ChildPlant:s ' +
    'BankBatchIDDsp:s BankCheckAmt:m BankCurrCode:s BankCurrSymbol:s BaseCurrencyCode:s BaseCurrSymbol:s ' +
    'BaseExchRate:b DisableBankAmt:b DocPreTaxTotal:m DocUnappliedAmt:m DocUnpostedBal:m DocWhldTotal:m ' +
    'EnableAssignLN:b EnableCurrency:b EnableIsEnterTotal:b EnableTranDocTypeID:b EnableVoidLN:b EnterPaymentTotal:b ' +
    'ExchangeRateDisabled:b FromBankRec:b FullyPaid:b HasLines:b InvType:s IsLcked:b LegalNumberMessage:s ' +
    'LockStatus:s ManualDateChange:b ManualExRateChange:b OneTimeVendor:b PaymentAmount:m PaymentStatus:s PCReceipt:b ' +
    'PreTaxTotal:m Rpt1PreTaxTotal:m Rpt1UnappliedAmt:m Rpt1WhldTotal:m Rpt2PreTaxTotal:m Rpt2UnappliedAmt:m ' +
    'Rpt2WhldTotal:m Rpt3PreTaxTotal:m Rpt3UnappliedAmt:m Rpt3WhldTotal:m RvnJrnUID:i SelectedForAction:b ' +
    'SEPAPaymentDescriptionEnabled:b TotalRoundDiff:m UnappliedAmt:m UrgentCheck:b VendorID:s VoidDate:t WhldTotal:m ' +
    'XRateLabelPaymentBank:s XRateLabelPaymentBase:s BankAccountEnabled:b FullAddress:s CheckMiscAmt:m ' +
    'DocCheckMiscAmt:m DocCheckInvAmt:m CheckInvAmt:m Rpt1CheckMiscAmt:m Rpt2CheckMiscAmt:m Rpt3CheckMiscAmt:m ' +
    'Rpt1CheckInvAmt:m Rpt2CheckInvAmt:m Rpt3CheckInvAmt:m BitFlag:i BankAcctIDDescription:s BankAcctIDBankName:s ' +
    'BankBranchBankBranchCode:s BankBranchDescription:s BaseCurrSymbolCurrDesc:s BaseCurrSymbolCurrName:s ' +
    'BaseCurrSymbolCurrSymbol:s BaseCurrSymbolCurrencyID:s BaseCurrSymbolDocumentDesc:s CashbookLineDescription:s ' +
    'CountryNumDescription:s CurrencyCodeCurrencyID:s CurrencyCodeDocumentDesc:s CurrencyCodeCurrDesc:s ' +
    'CurrencyCodeCurrSymbol:s CurrencyCodeCurrName:s PMUIDName:s THRefVendorNumName:s THRefVendorNumVendorID:s ' +
    'VendorBankCountryNumDescription:s VendorNumCurrencyCode:s VendorNumName:s VendorNumAddress3:s ' +
    'VendorNumAddress1:s VendorNumVendorID:s VendorNumAddress2:s VendorNumTermsCode:s VendorNumCountry:s ' +
    'VendorNumState:s VendorNumCity:s VendorNumZIP:s VendorNumDefaultFOB:s XbSystSiteIsLegalEntity:b RowMod:s',
  APTranRow:
    'Company:s TranType:s HeadNum:i APTranNo:i InvoiceNum:s Posted:b TranAmt:m DocTranAmt:m DiscAmt:m DocDiscAmt:m ' +
    'Description:s BankAcctID:s CheckNum:i TranDate:t FiscalYear:i FiscalPeriod:i GLPosted:b Voided:b EntryPerson:s ' +
    'VendorNum:i Comment:s TaxRegionCode:s TaxAmt:m DocTaxAmt:m RefType:s RefCode:s RefCodeDesc:s RoundDiff:m ' +
    'Rpt1DiscAmt:m Rpt2DiscAmt:m Rpt3DiscAmt:m Rpt1TaxAmt:m Rpt2TaxAmt:m Rpt3TaxAmt:m Rpt1TranAmt:m Rpt2TranAmt:m ' +
    'Rpt3TranAmt:m FiscalYearSuffix:s FiscalCalendarID:s GetDfltTaxIds:b LegalNumber:s WithholdAmt:m DocWithholdAmt:m ' +
    'Rpt1WithholdAmt:m Rpt2WithholdAmt:m Rpt3WithholdAmt:m SelfAssessAmt:m DocSelfAssessAmt:m Rpt1SelfAssessAmt:m ' +
    'Rpt2SelfAssessAmt:m Rpt3SelfAssessAmt:m RedStorno:b PrePayment:b ContractRef:s ContractRefDate:t RefPONum:i ' +
    'TaxReceiptDate:t TaxReceiptNo:s WHTCertificateDate:t WHTCertificateNo:s PCashDeskID:s GainLossType:s ' +
    'PCashRefNum:i ReverseGL:b RevalueDate:t RevalueBal:m DocRevalueBal:m Rpt1RevalueBal:m Rpt2RevalueBal:m ' +
    'Rpt3RevalueBal:m BankID:s BankPaidAmt:m DocBankPaidAmt:m Rpt1BankPaidAmt:m Rpt2BankPaidAmt:m Rpt3BankPaidAmt:m ' +
    'AdjLegalNumber:s AdjTranDocTypeID:s TranDocTypeID:s MainSite:b SiteCode:s BranchID:s InvoiceDate:t Remarks:s ' +
    'AssetTypeCode:s Cash:b CreditCard:b Normal:b CardID:s CardHolderTaxID:s CardMemberName:s Excluded:b Deferred:b ' +
    'NonDeductAmt:m NonDeductDocAmt:m NonDeductRpt1Amt:m NonDeductRpt2Amt:m NonDeductRpt3Amt:m PaymentNumber:s ' +
    'SysRevID:i SysRowID:s UrgentPayment:b InvoiceRef:s RateGrpCode:s CNCFICode:s Gen1099Date:t NOTranReason:s ' +
    'PEIsDetractionPayment:b Code1099ID:s FormTypeID:s ChangedBy:s ChangeDate:t DocWhManAddAmt:m WhManAddAmt:m ' +
    'Rpt1WhManAddAmt:m Rpt2WhManAddAmt:m Rpt3WhManAddAmt:m BaseAdjustAmt:m BaseCurrSymbol:s BaseCurrSymbolCurrDesc:s ' +
    'BaseCurrSymbolCurrName:s BaseCurrSymbolCurrSymbol:s BaseCurrSymbolDocumentDesc:s BaseSelfAssessedTax:m ' +
    'ChangeExchangeRateResponse:s CNCFICodeDescription:s CopyRate:b CorrectionInv:b CPayLinked:b CurrencyCode:s ' +
    'CurrencyGainLoss:m CurrencySwitch:b CurrSymbol:s CurrSymbolCurrDesc:s CurrSymbolCurrName:s ' +
    'CurrSymbolCurrSymbol:s CurrSymbolDocumentDesc:s DebitMemo:b DisableFieldsForPCashDoc:b DiscountAvailable:b ' +
    'DiscountDate:t DispGLAcct:s DispTranAmt:m DocBaseSelfAssessedTax:m DocDispTranAmt:m DocExpenseAmount:m ' +
    'DocGainLossAmt:m DocInvoiceAmt:m DocInvoiceBal:m DocNetAmount:m DocNewBalance:m DocSelfAssessedTax:m ' +
    'DocUnPostedBal:m DocWithHoldTax:m DsblCopyRate:b DueDate:t ExchangeRate:m ExpenseAmount:m FullyPaid:b ' +
    'GainLossAmt:m GlbCompany:s GroupID:s InitUrgentPayment:b InvExchangeRate:m InvoiceAmt:m InvoiceBal:m ' +
    'isDiscountforDebitM:b LegalNumMessage:s LegalNumStyle:s LockRate:b MiscPayment:b NetAmount:m NewBalance:m ' +
    'PaymentDesc:s PostErrMess:s PostToGL:b Print1099:b RateGroupDescription:s RefCodeEnabled:b RefCodeList:s ' +
    'RefCodeStatus:s Rpt1DispTranAmt:m Rpt1GainLossAmt:m Rpt1InvoiceAmt:m Rpt1InvoiceBal:m Rpt1NewBalance:m ' +
    'Rpt2DispTranAmt:m Rpt2GainLossAmt:m Rpt2InvoiceAmt:m Rpt2InvoiceBal:m Rpt2NewBalance:m Rpt3DispTranAmt:m ' +
    'Rpt3GainLossAmt:m Rpt3InvoiceAmt:m Rpt3InvoiceBal:m Rpt3NewBalance:m SelfAssessedTax:m TaxableTransaction:b ' +
    'TaxLinesExist:b TermsCode:s TermsCodeDescription:s UnPostedBal:m WithHoldTax:m XRateLabel:s AmtToAP:m ' +
    'ApplyDate:t InvoiceLegalNumber:s PLInvoiceReference:s isPrecalcTax:b PrepayApld:b ManualTaxAdj:b BitFlag:i ' +
    'BankAcctIDBankName:s BankAcctIDDescription:s Code1099Description:s FormTypeDescription:s InvoiceNumDescription:s ' +
    'TaxRegionCodeDescription:s VendorNumState:s VendorNumCity:s VendorNumAddress3:s VendorNumAddress2:s ' +
    'VendorNumCurrencyCode:s VendorNumZIP:s VendorNumTermsCode:s VendorNumName:s VendorNumDefaultFOB:s ' +
    'VendorNumCountry:s VendorNumAddress1:s VendorNumVendorID:s RowMod:s',
  GLJrnDtlRow:
    'Company:s FiscalYear:i JournalNum:i JournalLine:i Description:s JEDate:t FiscalPeriod:i GroupID:s PostedBy:s ' +
    'PostedDate:t Posted:b SourceModule:s VendorNum:i APInvoiceNum:s JournalCode:s ARInvoiceNum:i BankAcctID:s ' +
    'CheckNum:i CRHeadNum:i Reverse:b BankTranNum:i BankSlip:s RefType:s RefCode:s ExtCompanyID:s ExtRefType:s ' +
    'ExtRefCode:s GlbJournalNum:i GlbJournalLine:i GlbJournalCode:s GlbVendorNum:i GlbAPInvoiceNum:s MultiCompany:b ' +
    'Linked:b CommentText:s GlbCompanyID:s GlbFiscalYear:i GlbFiscalPeriod:i GlbGroupID:s COACode:s GLAccount:s ' +
    'SegValue1:s SegValue2:s SegValue3:s SegValue4:s SegValue5:s SegValue6:s SegValue7:s SegValue8:s SegValue9:s ' +
    'SegValue10:s SegValue11:s SegValue12:s SegValue13:s SegValue14:s SegValue15:s SegValue16:s SegValue17:s ' +
    'SegValue18:s SegValue19:s SegValue20:s ExtGLAccount:s ExtSegValue1:s ExtSegValue2:s ExtSegValue3:s ' +
    'ExtSegValue4:s ExtSegValue5:s ExtSegValue6:s ExtSegValue7:s ExtSegValue8:s ExtSegValue9:s ExtSegValue10:s ' +
    'ExtSegValue11:s ExtSegValue12:s ExtSegValue13:s ExtSegValue14:s ExtSegValue15:s ExtSegValue16:s ExtSegValue17:s ' +
    'ExtSegValue18:s ExtSegValue19:s ExtSegValue20:s BookID:s CreateDate:t CurrencyCode:s LegalNumber:s PerBalFlag:b ' +
    'TBFlag:b DailyBalFlag:b FiscalYearSuffix:s FiscalCalendarID:s GlbFiscalYearSuffix:s GlbFiscalCalendarID:s ' +
    'IntermediateProc:b GenID:i SrcCompany:s SrcBook:s SrcGLAccount:s SrcJrnlCode:s SrcJournalNum:i SrcJournalLine:i ' +
    'SrcType:s ABTUID:s DebitAmount:m CreditAmount:m BookDebitAmount:m BookCreditAmount:m ParentRUID:s ' +
    'HasReverseLine:b BalanceAcct:s TrialAcct:s CorrAccUID:i AllocationStamp:s BatchID:s AllocID:s RunNbr:i ' +
    'AllocRunNbr:i AllocTgtNbr:i AllocTgtSeq:i ExtCOACode:s MatchCode:s MatchDate:t Reconciled:b Statistical:m ' +
    'StatUOMCode:s DebitStatAmt:m CreditStatAmt:m PaymentNumber:s SysRevID:i SysRowID:s Sequence:i TranDocTypeID:s ' +
    'CustNum:i CloseFiscalPeriod:i SourcePlant:s Plant:s ExtSysType:s ExtSysURL:s COOneTimeDesc:s COOneTimeID:s ' +
    'DEACodeDesc:s DEAEndDate:t DEAStartDate:t DeferredExp:b Distributed:m DocDistributed:m DocExpense:m ' +
    'DocRecognized:m DocRemaining:m DocUnrecognized:m EnableMultiCompany:b Expense:m ExtRefAcctChart:s ' +
    'ExtRefAcctDept:s ExtRefAcctDiv:s ExtRefCodeStatus:s GLAcctDisp:s HeaderCommentText:s LineReference:s ' +
    'LineReferenceHolder:s LineReferenceHolderName:s LineReferenceType:s MovementNum:i OrigApplyDate:t OrigJrnlLine:i ' +
    'OrigJrnlNbr:i OrigJrnlYear:i OrigJrnlYearSuffix:s Recognized:m RefAcctChart:s RefAcctDept:s RefAcctDiv:s ' +
    'RefCodeStatus:s Remaining:m RevApplyDate:t RevJrnlLine:i RevJrnlNbr:i RevJrnlYear:i RevJrnlYearSuffix:s ' +
    'StatAmount:m TotCredit:m TotDebit:m Unrecognized:m BookCurrencyCode:s BookCurrencySymbol:s EntityDescription:s ' +
    'BitFlag:i BankAcctIDDescription:s BankAcctIDBankName:s CurrencyDocumentDesc:s CurrencyCurrName:s ' +
    'CurrencyCurrencyID:s CurrencyCurrSymbol:s CurrencyCurrDesc:s FiscalCalDescription:s GLAccountGLAcctDisp:s ' +
    'GLAccountAccountDesc:s GLAccountGLAccount:s JournalCodeJrnlDescription:s SrcGLAccountGLShortAcct:s ' +
    'SrcGLAccountAccountDesc:s SrcGLAccountGLAcctDisp:s StatUOMStatUOMDesc:s RowMod:s',
  RcvHeadRow:
    'Company:s VendorNum:i PurPoint:s PackSlip:s ReceiptDate:t EntryPerson:s SaveForInvoicing:b Invoiced:b ' +
    'ReceiptComment:s ReceivePerson:s ShipViaCode:s EntryDate:t Plant:s PONum:i LCReference:s LCComment:s ' +
    'LandedCost:m LegalNumber:s LCVariance:m ICLinked:b GlbCompany:s GlbVendorNum:i GlbPurPoint:s GlbPackSlip:s ' +
    'ContainerID:i Weight:m LCDisburseMethod:s AutoReceipt:b AutoTranType:s POType:s AutoTranID:i WeightUOM:s ' +
    'UpliftPercent:m SpecDutyAmt:m AppliedLCAmt:m LCDutyAmt:m LCIndCost:m ApplyToLC:b Received:b ArrivedDate:t ' +
    'AppliedRcptLCAmt:m LCUpliftIndCost:m AppliedLCVariance:m TranDocTypeID:s ImportNum:s ImportedFrom:m ' +
    'ImportedFromDesc:s GrossWeight:m GrossWeightUOM:s SysRevID:i SysRowID:s ChangedBy:s ChangeDate:t TaxRegionCode:s ' +
    'TaxPoint:s TaxRateDate:t InPrice:b HdrTaxNoUpdt:b TaxRateGrpCode:s TaxesCalculated:b InAppliedLCAmt:m ' +
    'InAppliedLCVariance:m InAppliedRcptLCAmt:m InLandedCost:m InLCDutyAmt:m InLCIndCost:m InLCUpliftIndCost:m ' +
    'InLCVariance:m InSpecDutyAmt:m CNDeclarationBill:s CNBonded:b APTaxRoundOption:i AddrList:s PartialReceipt:b ' +
    'POLine:i PORel:m POTypeDesc:s ShipViaDesc:s TotalAmt:m TotDedTaxAmt:m TotDutiesAmt:m TotGrossWeight:m ' +
    'TotGrossWeightUOM:s TotIndirectCostsAmt:m TotLinesAmt:m TotSATaxAmt:m TotTaxAmt:m TotWeight:m TotWeightUOM:s ' +
    'TotWHTaxAmt:m UpdateDtlArvdDate:b UpdateDtlRcptDate:b UpdateDtlRecs:b AllowLCUpdate:b AllowUplift:b ' +
    'CurrencyCode:s DispLandedCost:m eshReceived:b IntQueID:i LCMessage:s LegalNumberMessage:s OrigLandedCost:m ' +
    'AddrListFormatted:s BitFlag:i PurPointName:s PurPointCountry:s PurPointState:s PurPointAddress3:s ' +
    'PurPointAddress1:s PurPointPrimPCon:m PurPointAddress2:s PurPointCity:s PurPointZip:s ShipViaCodeWebDesc:s ' +
    'ShipViaCodeDescription:s TaxRegionCodeDescription:s VendorNumState:s VendorNumTermsCode:s VendorNumVendorID:s ' +
    'VendorNumAddress2:s VendorNumCity:s VendorNumDefaultFOB:s VendorNumCurrencyCode:s VendorNumName:s VendorNumZIP:s ' +
    'VendorNumCountry:s VendorNumAddress3:s VendorNumAddress1:s vrPONumCNBonded:b vrPONumShipToConName:s ' +
    'vrPONumShipName:s XbSystReceiptTaxCalculate:b XbSystAPTaxLnLevel:b RowMod:s',
  RcvDtlRow:
    'Company:s VendorNum:i PurPoint:s PackSlip:s PackLine:i Invoiced:b InvoiceNum:s InvoiceLine:i PartNum:s ' +
    'WareHouseCode:s BinNum:s OurQty:m IUM:s OurUnitCost:m JobNum:s AssemblySeq:i JobSeqType:s JobSeq:i PONum:i ' +
    'POLine:i PORelNum:i TranReference:s PartDescription:s RevisionNum:s VendorQty:m VendorUnitCost:m ReceiptType:s ' +
    'ReceivedTo:s ReceivedComplete:b IssuedComplete:b PUM:s VenPartNum:s CostPerCode:s LotNum:s NumLabels:m DimCode:s ' +
    'DUM:s DimConvFactor:m InspectionReq:b InspectionPending:b InspectorID:s InspectedBy:s InspectedDate:t ' +
    'InspectedTime:i PassedQty:m FailedQty:m ReceiptDate:t ReasonCode:s TotCostVariance:m Weight:m WeightUOM:s ' +
    'NonConformnce:b MtlBurRate:m OurMtlBurUnitCost:m RefType:s RefCode:s PurchCode:s LCFlag:b GlbCompany:s ' +
    'GlbVendorNum:i GlbPurPoint:s GlbPackSlip:s GlbPackLine:i DocUnitCost:m ContainerID:i Volume:m Rpt1UnitCost:m ' +
    'Rpt2UnitCost:m Rpt3UnitCost:m OrderNum:i OrderLine:i OrderRelNum:i OrigCountryNum:i UpliftPercent:m LCDutyAmt:m ' +
    'LCIndCost:m POTransValue:m ExtTransValue:m Received:b CommodityCode:s POType:s AutoReceipt:b VolumeUOM:s ' +
    'ArrivedDate:t LCSpecLineDutyAmt:m AppliedRcptLCAmt:m LCUpliftIndCost:m LCAmt:m AppliedLCVariance:m ' +
    'LCMtlBurUnitCost:m DocVendorUnitCost:m Rpt1VendorUnitCost:m Rpt2VendorUnitCost:m Rpt3VendorUnitCost:m ' +
    'NotCompliant:b ComplianceMsg:s MangCustNum:i LegalNumber:s ICPackNum:i ShipRcv:s ImportNum:s ImportedFrom:m ' +
    'ImportedFromDesc:s GrossWeight:m GrossWeightUOM:s SysRevID:i SysRowID:s QtyOption:s ConvOverride:b ContractID:s ' +
    'SMITransNum:i PCID:s ChangedBy:s ChangeDate:t Delivered:b DeliveredComments:s InOurCost:m DocInUnitCost:m ' +
    'Rpt1InUnitCost:m Rpt2InUnitCost:m Rpt3InUnitCost:m InVendorUnitCost:m DocInVendorUnitCost:m ' +
    'Rpt1InVendorUnitCost:m Rpt2InVendorUnitCost:m Rpt3InVendorUnitCost:m SupplierUnInvcReceiptQty:m ' +
    'OurUnInvcReceiptQty:m TaxRegionCode:s TaxCatID:s Taxable:b TaxExempt:s NoTaxRecalc:b InAppliedLCVariance:m ' +
    'InAppliedRcptLCAmt:m InLCAmt:m InLCDutyAmt:m InLCIndCost:m InLCMtlBurUnitCost:m InLCSpecLineDutyAmt:m ' +
    'InLCUpliftIndCost:m InPOTransValue:m ProjProcessed:b ExtNonRecoverableCost:m EpicorFSA:b ' +
    'AttributeBackoutRequired:b CNDeclarationBillLine:i AllowLCUpdate:b AsmPartDescription:s ConsolidatedPO:b ' +
    'ContainerExtCost:m ContainerLCAmt:m ContractOrder:b CostPerFactor:m CurrencyCode:s DisableInspection:b ' +
    'DisplayUMField:s DocScrUnitCost:m DocScrVendorUnitCost:m DropShipment:b DueDate:t EnableBin:b EnableDim:b ' +
    'EnableInventoryAttributes:b EnableLot:b EnablePCID:b EnableSN:b EnableSupplierXRef:b EnableTransValue:b ' +
    'EnableUplift:b EnableWhse:b ExtCost:m HHReceiveToPCID:b InputOurQty:m InspectionFlag:b IntQueID:i JobIUM:s ' +
    'JobPartNum:s JobRequiredQty:m LegalNumberMessage:s MangCustID:s MangCustName:s ManualLC:b MassReceipt:b OnTime:s ' +
    'OpenRelease:b OrderQty:m OurRemQty:m PCIDOutboundContainer:b PkgControlStatus:s Plant:s POComment:s PODueDate:t ' +
    'POFactor:m POFactorDirection:s POHold:b POIUM:s POPUM:s PORelArrivedQty:m PORelStatus:s RcvdSMIQty:m ' +
    'ReceivedQty:m RemainingSMIQty:m Rpt1ScrUnitCost:m Rpt1ScrVendorUnitCost:m Rpt2ScrUnitCost:m ' +
    'Rpt2ScrVendorUnitCost:m Rpt3ScrUnitCost:m Rpt3ScrVendorUnitCost:m ScrOurUnitCost:m ScrVendorUnitCost:m ' +
    'SearchPONum:i Selected:b SetToLocation:b SkipMaterialQueueCreation:b SMIComplete:b SNStusChanged:b TagMtlSeq:i ' +
    'TagOprSeq:i ThisTranQty:m ThisTranUOM:s TotalAmt:m TotDedTaxAmt:m TotDutiesAmt:m TotLineAmt:m TotSATaxAmt:m ' +
    'TotTaxAmt:m TotWHTaxAmt:m TranType:s UsePurchaseCode:b VendorCurrSymbol:s VenRemQty:m AllowUpdSuppPrice:b ' +
    'AttributeQtyMismatch:b PCIDStatusChanged:b CNDeclarationBill:s SerialNoAttributeSetID:i BitFlag:i ' +
    'AssemblySeqDescription:s BinNumDescription:s CommodityDescription:s CountryNumDescription:s ' +
    'DimCodeDimCodeDescription:s InspectorIDName:s InvoiceNumDescription:s JobNumPartDescription:s PackSlipInPrice:b ' +
    'PartNumTrackInventoryAttributes:b PartNumPartDescription:s PartNumIUM:s PartNumTrackSerialNum:b ' +
    'PartNumTrackDimension:b PartNumTrackLots:b PartNumPricePerCode:s PartNumSellingFactor:m PartNumSalesUM:s ' +
    'PartNumAttrClassID:s POLineVenPartNum:s POLineLineDesc:s POLinePartNum:s PONumConfirmed:b PONumApprovalStatus:s ' +
    'PONumShipToConName:s PONumShipName:s PONumApprove:b PurchCodePurchDesc:s PurPointZip:s PurPointState:s ' +
    'PurPointCity:s PurPointPrimPCon:m PurPointAddress2:s PurPointAddress3:s PurPointAddress1:s PurPointCountry:s ' +
    'PurPointName:s TaxCatIDDescription:s VendorNumCurrencyCode:s VendorNumDefaultFOB:s VendorNumAddress1:s ' +
    'VendorNumTermsCode:s VendorNumState:s VendorNumCountry:s VendorNumZIP:s VendorNumName:s VendorNumVendorID:s ' +
    'VendorNumAddress3:s VendorNumAddress2:s VendorNumCity:s WareHouseCodeDescription:s RowMod:s',
  PurTermsRow:
    'Company:s TermsCode:s SysDefault:b TermsType:s Description:s DueDays:i DiscountDays:i DiscountPercent:m ' +
    'NumberOfPayments:m Monthly:b NumberOfDays:i MinimumDays:i DueOnDay:i NumberOfMonths:m DiscountType:s ' +
    'PartPayment:b ReqLOC:b GlobalPurTerms:b GlobalLock:b SysRevID:i SysRowID:s COIFRSCalculation:b ' +
    'COIFRSNumberOfPeriods:m MonthsInFuture:m DueDayOfMonth:i IsDefault:b BitFlag:i RowMod:s',
  FiscalPerRow:
    'Company:s FiscalCalendarID:s FiscalYear:i FiscalYearSuffix:s FiscalPeriod:i StartDate:t EndDate:t ' +
    'FAClosedPeriod:b AdditionalDeductions:m LossesCredit:m InvestmentCredit:m InventoriesCredit:m UpdateRate:m ' +
    'DepHoliday:b SysRevID:i SysRowID:s JPYear:i EnableStartDate:b EnableEndDate:b NoOfDays:s ITUpdateRate:m ' +
    'AssetRegCurrYear:i AssetRegCurrYearSuffix:s AssetRegCurrPeriod:i BitFlag:i RowMod:s',
};

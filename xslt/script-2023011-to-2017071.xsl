<?xml version="1.0" encoding="UTF-8"?>
<!--
  script-2023011-to-2017071.xsl
  Input:  an NCPDP SCRIPT 2023011 Message, valid against the hub's
          src/main/resources/script/2023011/rxflow-script-2023011.xsd: a NewRx, or a message of the
          pharmacy conversation (CancelRx, RxRenewalResponse, RxChangeResponse the hub sends; CancelRxResponse,
          RxFill, RxRenewalRequest, RxChangeRequest, Status, Error, Verify the simulator plays back).
  Output: the same message as NCPDP SCRIPT 2017071, valid against
          src/main/resources/script/2017071/rxflow-script-2017071.xsd.

  Rules (reference section 3): version attributes rewritten (parameters); Header ReturnReceipt becomes
  the NewRx ReturnReceipt element; Names/Name unwrapped; GenderAndSex becomes Gender (N sent as U);
  Product/DrugCoded becomes DrugCoded with the NDC as ProductCode qualifier ND and the first RxNorm code
  as DrugDBCode; Substitutions unwrapped; Diagnosis regrouped as Primary/Secondary; renamed elements;
  phone rules; 2023-only elements dropped. The persons, phones and medication templates serve every
  transaction (MedicationPrescribed, MedicationDispensed, MedicationResponse, MedicationRequested alike).
  Per transaction: CancelRx ChangeOfPrescriptionStatusCode becomes ChangeOfPrescriptionStatusFlag and its
  ReasonForCancellation codes are dropped (2017071 has none); RxFill StatusType becomes FillStatus
  (EventNotification and Profiled refused); RxRenewalResponse Pending is refused (no 2017071 value), its
  ProhibitRenewalRequest true refused and false dropped (2017071 has no such element there).

  Content the 2017071 message cannot carry without changing the prescription (a missing address part,
  a phone number longer than 10 digits, a compound, more diagnoses than 2017071 holds) stops the
  transform with xsl:message terminate="yes": the caller refuses, it never sends an altered
  prescription (21 CFR 1311.170(e)). Anything dropped or recoded is reported with a non-terminating
  xsl:message that the caller records; messages name elements, never their values.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:rx="urn:rxflow:xslt"
                exclude-result-prefixes="xs rx">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:strip-space elements="*"/>
  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:param name="DatatypesVersion" as="xs:string" select="'20170715'"/>
  <xsl:param name="TransportVersion" as="xs:string" select="'20170715'"/>
  <xsl:param name="TransactionVersion" as="xs:string" select="'20170715'"/>
  <xsl:param name="StructuresVersion" as="xs:string" select="'20170715'"/>
  <xsl:param name="ECLVersion" as="xs:string" select="'20170715'"/>

  <!-- The element's path for messages, e.g. /Message/Body/NewRx/Patient/HumanPatient/Address. -->
  <xsl:function name="rx:path" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="'/' || string-join($e/ancestor-or-self::*/local-name(), '/')"/>
  </xsl:function>

  <xsl:function name="rx:true" as="xs:boolean">
    <xsl:param name="b" as="element()?"/>
    <xsl:sequence select="normalize-space($b) = ('true', '1')"/>
  </xsl:function>

  <!-- ============================================================== envelope and Header -->
  <!-- The transactions both versions share that the hub's schemas hold. -->
  <xsl:variable name="transactions" as="xs:string+"
                select="('NewRx', 'CancelRx', 'CancelRxResponse', 'Status', 'Error', 'Verify', 'RxFill',
                         'RxRenewalRequest', 'RxRenewalResponse', 'RxChangeRequest', 'RxChangeResponse')"/>

  <xsl:template match="/Message">
    <xsl:if test="not(Body/*[local-name() = $transactions])">
      <xsl:message terminate="yes" error-code="rx:TRANSACTION"
                   select="'/Message/Body/' || local-name(Body/*[1]) || ' is not a transaction the hub converts to 2017071'"/>
    </xsl:if>
    <Message DatatypesVersion="{$DatatypesVersion}" TransportVersion="{$TransportVersion}"
             TransactionDomain="{@TransactionDomain}" TransactionVersion="{$TransactionVersion}"
             StructuresVersion="{$StructuresVersion}" ECLVersion="{$ECLVersion}">
      <xsl:apply-templates select="Header, Body"/>
    </Message>
  </xsl:template>

  <!-- ReturnReceipt moves into the body of a NewRx; 2017071 has it nowhere else. -->
  <xsl:template match="Header/ReturnReceipt"/>
  <xsl:template match="Header/ReturnReceipt[rx:true(.)][not(/Message/Body/NewRx)]" priority="2">
    <xsl:message terminate="yes" error-code="rx:RETURN-RECEIPT"
                 select="rx:path(.) || ': 2017071 asks for a receipt on a NewRx only'"/>
  </xsl:template>
  <xsl:template match="Header/MessageIndicatorFlag | Header/OtherReferenceNumber | Header/Extension">
    <xsl:message select="rx:path(.) || ' dropped: not in 2017071'"/>
  </xsl:template>

  <!-- 2017071 TestMessage is n1..1 with IG-defined values (unconfirmed): never guess production vs test. -->
  <xsl:template match="Header/TestMessage">
    <xsl:message terminate="yes" error-code="rx:TEST-MESSAGE" select="rx:path(.) || ' cannot be converted: its 2017071 values are not confirmed'"/>
  </xsl:template>

  <!-- ============================================================== NewRx -->
  <xsl:template match="Body/NewRx">
    <NewRx>
      <xsl:apply-templates select="MessageRequestCode"/>
      <xsl:if test="rx:true(/Message/Header/ReturnReceipt)">
        <ReturnReceipt>1</ReturnReceipt>
      </xsl:if>
      <xsl:apply-templates select="* except MessageRequestCode"/>
    </NewRx>
  </xsl:template>

  <!-- ============================================================== the pharmacy conversation -->
  <xsl:template match="CancelRx/ChangeOfPrescriptionStatusCode">
    <ChangeOfPrescriptionStatusFlag><xsl:value-of select="."/></ChangeOfPrescriptionStatusFlag>
  </xsl:template>

  <xsl:template match="CancelRx/ReasonForCancellation | CancelRx/AllergyOrAdverseEvent">
    <xsl:message select="rx:path(.) || ' dropped: a 2017071 CancelRx carries no reason codes or allergies'"/>
  </xsl:template>

  <xsl:template match="RxFill/StatusType">
    <FillStatus><xsl:apply-templates select="*"/></FillStatus>
  </xsl:template>

  <xsl:template match="RxFill/StatusType/EventNotification | RxFill/StatusType/Profiled">
    <xsl:message terminate="yes" error-code="rx:FILL-STATUS"
                 select="rx:path(.) || ': 2017071 FillStatus has no such status'"/>
  </xsl:template>

  <xsl:template match="RxRenewalResponse/Response/Pending">
    <xsl:message terminate="yes" error-code="rx:PENDING"
                 select="rx:path(.) || ': a 2017071 RxRenewalResponse cannot be Pending'"/>
  </xsl:template>

  <xsl:template match="RxRenewalResponse/ProhibitRenewalRequest">
    <xsl:if test="rx:true(.)">
      <xsl:message terminate="yes" error-code="rx:PROHIBIT-RENEWAL"
                   select="rx:path(.) || ' true cannot be carried: a 2017071 RxRenewalResponse has no such element'"/>
    </xsl:if>
    <xsl:message select="rx:path(.) || ' false dropped: not in a 2017071 RxRenewalResponse'"/>
  </xsl:template>

  <!-- ============================================================== persons -->
  <!-- Names/Name becomes Name (+ FormerName) as siblings; PrescriberAgent keeps its own shape. -->
  <xsl:template match="Names[not(parent::PrescriberAgent)]">
    <xsl:apply-templates select="Name, FormerName"/>
    <xsl:for-each select="PreferredName | Pronouns">
      <xsl:message select="rx:path(.) || ' dropped: not in 2017071'"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="GenderAndSex">
    <Gender>
      <xsl:value-of select="if (AdministrativeGender = 'N') then 'U' else string(AdministrativeGender)"/>
    </Gender>
    <xsl:if test="AdministrativeGender = 'N'">
      <xsl:message select="rx:path(AdministrativeGender) || ' N sent as U: 2017071 has no non-binary code'"/>
    </xsl:if>
    <xsl:for-each select="SexAssignedAtBirth | ReproductivePotential">
      <xsl:message select="rx:path(.) || ' dropped: not in 2017071'"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Identifiers 2017071 has, in its order; MedicareBeneficiaryID is its MedicareNumber. -->
  <xsl:template match="HumanPatient/Identification">
    <xsl:variable name="kept" as="element()*">
      <xsl:for-each select="MedicareBeneficiaryID">
        <MedicareNumber><xsl:value-of select="."/></MedicareNumber>
      </xsl:for-each>
      <xsl:copy-of select="MedicaidNumber, MedicalRecordIdentificationNumberEHR, PatientAccountNumber,
                           SocialSecurity, MutuallyDefined, REMSPatientID"/>
    </xsl:variable>
    <xsl:for-each select="* except (MedicareBeneficiaryID, MedicaidNumber, MedicalRecordIdentificationNumberEHR,
                                    PatientAccountNumber, SocialSecurity, MutuallyDefined, REMSPatientID)">
      <xsl:message select="rx:path(.) || ' dropped: not in 2017071'"/>
    </xsl:for-each>
    <xsl:if test="exists($kept)">
      <Identification><xsl:sequence select="$kept"/></Identification>
    </xsl:if>
  </xsl:template>

  <xsl:template match="HumanPatient/ResidenceCode | HumanPatient/PregnancyIndicator | HumanPatient/Diagnosis">
    <xsl:message select="rx:path(.) || ' dropped: not in 2017071'"/>
  </xsl:template>

  <!-- 2017071 requires state, ZIP and country here; inventing them would alter the prescription. -->
  <xsl:template match="HumanPatient/Address | NonVeterinarian/Address | Supervisor//Address">
    <xsl:variable name="present" select="*/local-name()"/>
    <xsl:variable name="missing" select="('StateProvince', 'PostalCode', 'CountryCode')[not(. = $present)]"/>
    <xsl:if test="exists($missing)">
      <xsl:message terminate="yes" error-code="rx:ADDRESS"
                   select="rx:path(.) || ' lacks ' || string-join($missing, ', ') || ', required by 2017071'"/>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <!-- ============================================================== phone numbers -->
  <xsl:template match="CommunicationNumbers/*/Number[string-length(normalize-space(.)) gt 10]">
    <xsl:message terminate="yes" error-code="rx:PHONE"
                 select="rx:path(.) || ' has more than the 10 digits 2017071 allows'"/>
  </xsl:template>

  <xsl:template match="CommunicationNumbers/*/NumberExtension">
    <Extension><xsl:value-of select="."/></Extension>
  </xsl:template>

  <xsl:template match="CommunicationNumbers/*/SupportsSMS">
    <SupportsSMS><xsl:value-of select="if (rx:true(.)) then 'Y' else 'N'"/></SupportsSMS>
  </xsl:template>

  <!-- 2017071 numbers are North American; another country code cannot be dropped silently. -->
  <xsl:template match="CommunicationNumbers/*/TelephoneCountryCode">
    <xsl:if test="normalize-space(.) != '1'">
      <xsl:message terminate="yes" error-code="rx:PHONE"
                   select="rx:path(.) || ' is not 1 and 2017071 has no country code element'"/>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================== medication -->
  <xsl:template match="Product">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="Product/CompoundInformation">
    <xsl:message terminate="yes" error-code="rx:COMPOUND" select="rx:path(.) || ': compound conversion to 2017071 is not supported'"/>
  </xsl:template>

  <xsl:template match="Product/DrugCoded">
    <xsl:variable name="rxnorm" select="ProductCode[Qualifier = ('SCD', 'SBD', 'GPK', 'BPK')][1]"/>
    <DrugCoded>
      <ProductCode>
        <Code><xsl:value-of select="NDC"/></Code>
        <Qualifier>ND</Qualifier>
      </ProductCode>
      <xsl:apply-templates select="Strength"/>
      <xsl:choose>
        <xsl:when test="$rxnorm">
          <DrugDBCode>
            <Code><xsl:value-of select="$rxnorm/Code"/></Code>
            <Qualifier><xsl:value-of select="$rxnorm/Qualifier"/></Qualifier>
          </DrugDBCode>
        </xsl:when>
        <xsl:otherwise>
          <xsl:copy-of select="DrugDBCode[1]"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="DEASchedule"/>
    </DrugCoded>
    <!-- 2017071 holds one ProductCode (the NDC) and one DrugDBCode. -->
    <xsl:for-each select="ProductCode except $rxnorm">
      <xsl:message select="rx:path(.) || ' (' || Qualifier || ') dropped: 2017071 carries the NDC there'"/>
    </xsl:for-each>
    <xsl:for-each select="if ($rxnorm) then DrugDBCode else DrugDBCode[position() gt 1]">
      <xsl:message select="rx:path(.) || ' dropped: 2017071 holds one DrugDBCode'"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="Substitutions[Substitutions]">
    <Substitutions><xsl:value-of select="Substitutions"/></Substitutions>
    <xsl:for-each select="TherapeuticSubstitutionIndicator">
      <xsl:message select="rx:path(.) || ' dropped: not in 2017071'"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Diagnoses of one qualifier pair up as Primary/Secondary; 2017071 holds two such pairs. -->
  <xsl:template match="Diagnosis[not(parent::HumanPatient)][1]" priority="2">
    <xsl:variable name="all" select="../Diagnosis"/>
    <xsl:if test="$all/ClinicalInformationQualifier[not(. = ('1', '2'))]">
      <xsl:message terminate="yes" error-code="rx:DIAGNOSIS"
                   select="rx:path(.) || ': 2017071 knows ClinicalInformationQualifier 1 and 2 only'"/>
    </xsl:if>
    <xsl:variable name="grouped" as="element()*">
      <xsl:for-each-group select="$all" group-by="string(ClinicalInformationQualifier)">
        <xsl:for-each-group select="current-group()" group-adjacent="(position() - 1) idiv 2">
          <Diagnosis>
            <ClinicalInformationQualifier><xsl:value-of select="current-group()[1]/ClinicalInformationQualifier"/></ClinicalInformationQualifier>
            <Primary><xsl:apply-templates select="current-group()[1]" mode="diagnosis-code"/></Primary>
            <xsl:if test="current-group()[2]">
              <Secondary><xsl:apply-templates select="current-group()[2]" mode="diagnosis-code"/></Secondary>
            </xsl:if>
          </Diagnosis>
        </xsl:for-each-group>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:if test="count($grouped) gt 2">
      <xsl:message terminate="yes" error-code="rx:DIAGNOSIS"
                   select="rx:path(.) || ': more diagnoses than 2017071 can carry (two Primary/Secondary pairs)'"/>
    </xsl:if>
    <xsl:sequence select="$grouped"/>
  </xsl:template>

  <xsl:template match="Diagnosis[not(parent::HumanPatient)]"/>

  <xsl:template match="Diagnosis" mode="diagnosis-code">
    <Code><xsl:value-of select="Value"/></Code>
    <xsl:copy-of select="Qualifier, Description, DateOfLastOfficeVisit"/>
    <xsl:for-each select="EffectiveDate | ExpirationDate">
      <xsl:message select="rx:path(.) || ' dropped: not in 2017071'"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="PriorAuthorizationNumber">
    <PriorAuthorization><xsl:value-of select="."/></PriorAuthorization>
  </xsl:template>

  <xsl:template match="OtherMedicationDates[OtherMedicationDateQualifier = 'NextEstimatedRefillDate']" priority="2">
    <xsl:message select="rx:path(.) || ' NextEstimatedRefillDate dropped: not in 2017071'"/>
  </xsl:template>

  <xsl:template match="OtherMedicationDates">
    <OtherMedicationDate>
      <xsl:apply-templates select="*"/>
    </OtherMedicationDate>
  </xsl:template>

  <!-- ============================================================== Sig -->
  <!--
    SigText is copied unchanged. The structured Sig has the same elements in 2017071 except the numbers
    with units (shared reference script-schema-fidelity.md, section 4): 2023011 groups a number, an
    optional range and the unit into one value-or-range element, 2017071 writes them flat:
      Dosage/DoseValue {Value1, RangeModifier, Value2, DoseUnitOfMeasure}
        -> DoseQuantity, DoseUnitOfMeasure (, DoseRangeModifier, DoseQuantity, DoseUnitOfMeasure)
      Frequency/FrequencyNumericValue {Value1, RangeModifier, Value2, ValueUnitOfMeasure}
        -> FrequencyNumericValue (, VariableFrequencyModifier, FrequencyNumericValue), FrequencyUnits
      Interval/IntervalValue {...} -> IntervalNumericValue (, VariableIntervalModifier,
        IntervalNumericValue), IntervalUnits
    Codes 2017071 lacks: a MultipleTimingModifier TO (2017071: AND, OR) and a dose RangeModifier AND
    (2017071: TO, OR). A structured Sig holding any element not listed here, or one of those codes, is
    dropped as a whole with a note, never in part (a partial one would say less than SigText) and never
    refused: SigText alone is a valid Sig.
  -->
  <xsl:variable name="sig-carried" as="xs:string+"
                select="('SigText', 'CodeSystem', 'SNOMEDVersion', 'FMTVersion', 'Instruction',
                         'MultipleInstructionModifier', 'DoseAdministration', 'DoseDeliveryMethod', 'Dosage',
                         'DoseValue', 'Value1', 'RangeModifier', 'Value2', 'DoseUnitOfMeasure',
                         'RouteOfAdministration', 'SiteOfAdministration', 'TimingAndDuration',
                         'MultipleTimingModifier', 'AdministrationTiming', 'AdministrationTimingModifier',
                         'AdministrationTimingEvent', 'Frequency', 'FrequencyNumericValue', 'Interval',
                         'IntervalValue', 'ValueUnitOfMeasure', 'Duration', 'DurationNumericValue',
                         'DurationText', 'IndicationForUse', 'IndicationPrecursor', 'Indication',
                         'MaximumDoseRestriction', 'MaximumDoseRestrictionNumericValue',
                         'MaximumDoseRestrictionForm', 'MaximumDoseRestrictionUnits',
                         'MaximumDoseRestrictionDurationValue', 'MaximumDoseRestrictionDurationUnit',
                         'MaximumDoseRestrictionClarifyingFreeText', 'ClarifyingFreeText', 'Text', 'Qualifier',
                         'Code')"/>

  <xsl:template match="Sig">
    <xsl:variable name="uncarried" select="descendant::*[not(local-name() = $sig-carried)]"/>
    <xsl:variable name="uncoded" select="descendant::MultipleTimingModifier[. = 'TO']
                                         | descendant::DoseValue/RangeModifier[. = 'AND']"/>
    <Sig>
      <xsl:choose>
        <xsl:when test="exists($uncarried)">
          <xsl:copy-of select="SigText"/>
          <xsl:message select="rx:path(.) || ' structured part dropped (SigText kept): '
                               || rx:path($uncarried[1]) || ' is not carried to 2017071'"/>
        </xsl:when>
        <xsl:when test="exists($uncoded)">
          <xsl:copy-of select="SigText"/>
          <xsl:message select="rx:path(.) || ' structured part dropped (SigText kept): '
                               || rx:path($uncoded[1]) || ' has a code 2017071 does not have'"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="*"/>
        </xsl:otherwise>
      </xsl:choose>
    </Sig>
  </xsl:template>

  <xsl:template match="Sig//Dosage[DoseValue]">
    <Dosage>
      <DoseQuantity><xsl:value-of select="DoseValue/Value1"/></DoseQuantity>
      <xsl:copy-of select="DoseValue/DoseUnitOfMeasure"/>
      <xsl:if test="DoseValue/RangeModifier">
        <DoseRangeModifier><xsl:value-of select="DoseValue/RangeModifier"/></DoseRangeModifier>
        <DoseQuantity><xsl:value-of select="DoseValue/Value2"/></DoseQuantity>
        <xsl:copy-of select="DoseValue/DoseUnitOfMeasure"/>
      </xsl:if>
    </Dosage>
  </xsl:template>

  <xsl:template match="Sig//Frequency[FrequencyNumericValue]">
    <Frequency>
      <xsl:apply-templates select="FrequencyNumericValue" mode="flat">
        <xsl:with-param name="prefix" select="'Frequency'"/>
        <xsl:with-param name="number" select="'FrequencyNumericValue'"/>
      </xsl:apply-templates>
    </Frequency>
  </xsl:template>

  <xsl:template match="Sig//Interval[IntervalValue]">
    <Interval>
      <xsl:apply-templates select="IntervalValue" mode="flat">
        <xsl:with-param name="prefix" select="'Interval'"/>
        <xsl:with-param name="number" select="'IntervalNumericValue'"/>
      </xsl:apply-templates>
    </Interval>
  </xsl:template>

  <!-- A 2023011 SigValueOrRange as 2017071 writes it: number (, modifier, number), units. -->
  <xsl:template match="*" mode="flat">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="number" as="xs:string"/>
    <xsl:element name="{$number}"><xsl:value-of select="Value1"/></xsl:element>
    <xsl:if test="RangeModifier">
      <xsl:element name="Variable{$prefix}Modifier"><xsl:value-of select="RangeModifier"/></xsl:element>
      <xsl:element name="{$number}"><xsl:value-of select="Value2"/></xsl:element>
    </xsl:if>
    <xsl:element name="{$prefix}Units"><xsl:copy-of select="ValueUnitOfMeasure/*"/></xsl:element>
  </xsl:template>
</xsl:stylesheet>

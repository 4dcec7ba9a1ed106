<?xml version="1.0" encoding="UTF-8"?>
<!--
  script-2017071-to-2023011.xsl
  Input:  an NCPDP SCRIPT 2017071 Message, valid against the hub's
          src/main/resources/script/2017071/rxflow-script-2017071.xsd: a NewRx a sender posts to
          POST /api/v1/prescriptions/intake, or a message of the pharmacy conversation a 2017071
          pharmacy sends (RxFill, CancelRxResponse, RxRenewalRequest, RxChangeRequest, Status, Error,
          Verify; CancelRx, RxRenewalResponse, RxChangeResponse are converted too, for the simulator).
  Output: the same message as NCPDP SCRIPT 2023011, valid against
          src/main/resources/script/2023011/rxflow-script-2023011.xsd.

  Rules (reference section 3, read backwards): version attributes rewritten (parameters); the body's
  ReturnReceipt 1 becomes Header ReturnReceipt true; Name (+ FormerName) wrapped in Names; Gender becomes
  GenderAndSex/AdministrativeGender; MedicareNumber becomes MedicareBeneficiaryID; DrugCoded moves into
  Product with the ND ProductCode as NDC and an RxNorm DrugDBCode as ProductCode; Substitutions wrapped;
  Diagnosis Primary/Secondary flattened; PriorAuthorization and OtherMedicationDate renamed; phone
  Extension renamed, SupportsSMS Y/N as a boolean. The persons, phones and medication templates serve
  every transaction. Per transaction: CancelRx ChangeOfPrescriptionStatusFlag becomes
  ChangeOfPrescriptionStatusCode; RxFill FillStatus becomes StatusType; an RxRenewalResponse
  DeniedNewPrescriptionToFollow is refused (2023011 has no such answer).

  What 2023011 needs and the message does not say (an NDC), or what the conversion cannot carry without
  changing the prescription (a compound, a TestMessage whose 2017071 values are unconfirmed), stops the
  transform with xsl:message terminate="yes": the caller answers a SCRIPT Error naming the element. The
  structured Sig is not converted (its 2017071 numbers are flat): SigText, the legal directions, is kept
  and the structured part dropped with a note. Identifiers the hub's 2023011 schema has no element for
  are dropped with a note; messages name elements, never their values.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:rx="urn:rxflow:xslt"
                exclude-result-prefixes="xs rx">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:strip-space elements="*"/>
  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:param name="DatatypesVersion" as="xs:string" select="'20230116'"/>
  <xsl:param name="TransportVersion" as="xs:string" select="'20230116'"/>
  <xsl:param name="TransactionVersion" as="xs:string" select="'20230116'"/>
  <xsl:param name="StructuresVersion" as="xs:string" select="'20230116'"/>
  <xsl:param name="ECLVersion" as="xs:string" select="'20230116'"/>

  <xsl:function name="rx:path" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="'/' || string-join($e/ancestor-or-self::*/local-name(), '/')"/>
  </xsl:function>

  <!-- ============================================================== envelope and Header -->
  <!-- The transactions both versions share that the hub's schemas hold. -->
  <xsl:variable name="transactions" as="xs:string+"
                select="('NewRx', 'CancelRx', 'CancelRxResponse', 'Status', 'Error', 'Verify', 'RxFill',
                         'RxRenewalRequest', 'RxRenewalResponse', 'RxChangeRequest', 'RxChangeResponse')"/>

  <xsl:template match="/Message">
    <xsl:if test="not(Body/*[local-name() = $transactions])">
      <xsl:message terminate="yes" error-code="rx:TRANSACTION"
                   select="'/Message/Body/' || local-name(Body/*[1]) || ' is not a transaction the hub converts from 2017071'"/>
    </xsl:if>
    <Message DatatypesVersion="{$DatatypesVersion}" TransportVersion="{$TransportVersion}"
             TransactionDomain="{@TransactionDomain}" TransactionVersion="{$TransactionVersion}"
             StructuresVersion="{$StructuresVersion}" ECLVersion="{$ECLVersion}">
      <xsl:apply-templates select="Header, Body"/>
    </Message>
  </xsl:template>

  <xsl:template match="Header">
    <Header>
      <xsl:apply-templates select="*"/>
      <xsl:if test="normalize-space(/Message/Body/NewRx/ReturnReceipt) = '1'">
        <ReturnReceipt>true</ReturnReceipt>
      </xsl:if>
    </Header>
  </xsl:template>

  <xsl:template match="Header/TestMessage">
    <xsl:message terminate="yes" error-code="rx:TEST-MESSAGE" select="rx:path(.) || ' cannot be converted: its 2017071 values are not confirmed'"/>
  </xsl:template>

  <xsl:template match="Body/NewRx/ReturnReceipt"/>

  <!-- ============================================================== the pharmacy conversation -->
  <xsl:template match="CancelRx/ChangeOfPrescriptionStatusFlag">
    <ChangeOfPrescriptionStatusCode><xsl:value-of select="."/></ChangeOfPrescriptionStatusCode>
  </xsl:template>

  <xsl:template match="RxFill/FillStatus">
    <StatusType><xsl:apply-templates select="*"/></StatusType>
  </xsl:template>

  <xsl:template match="RxRenewalResponse/Response/DeniedNewPrescriptionToFollow">
    <xsl:message terminate="yes" error-code="rx:DENIED-NEW-RX"
                 select="rx:path(.) || ': 2023011 has no DeniedNewPrescriptionToFollow'"/>
  </xsl:template>

  <!-- ============================================================== persons -->
  <xsl:template match="Name[not(parent::PrescriberAgent)]">
    <Names>
      <Name><xsl:apply-templates select="*"/></Name>
      <xsl:for-each select="following-sibling::*[1][self::FormerName]">
        <FormerName><xsl:apply-templates select="*"/></FormerName>
      </xsl:for-each>
    </Names>
  </xsl:template>
  <xsl:template match="FormerName[not(parent::PrescriberAgent)]"/>

  <xsl:template match="HumanPatient/Gender">
    <GenderAndSex><AdministrativeGender><xsl:value-of select="."/></AdministrativeGender></GenderAndSex>
  </xsl:template>

  <xsl:template match="HumanPatient/Identification">
    <xsl:variable name="kept" as="element()*">
      <xsl:for-each select="MedicareNumber">
        <MedicareBeneficiaryID><xsl:value-of select="."/></MedicareBeneficiaryID>
      </xsl:for-each>
      <xsl:copy-of select="MedicaidNumber, MedicalRecordIdentificationNumberEHR, SocialSecurity"/>
    </xsl:variable>
    <xsl:for-each select="PatientAccountNumber | MutuallyDefined | REMSPatientID">
      <xsl:message select="rx:path(.) || ' dropped: the hub''s 2023011 schema has no such patient identifier'"/>
    </xsl:for-each>
    <xsl:if test="exists($kept)">
      <Identification><xsl:sequence select="$kept"/></Identification>
    </xsl:if>
  </xsl:template>

  <xsl:template match="NonVeterinarian/Identification/Data2000WaiverID">
    <xsl:message select="rx:path(.) || ' dropped: not in 2023011'"/>
  </xsl:template>

  <!-- ============================================================== phone numbers -->
  <xsl:template match="CommunicationNumbers/*/Extension">
    <NumberExtension><xsl:value-of select="."/></NumberExtension>
  </xsl:template>

  <xsl:template match="CommunicationNumbers/*/SupportsSMS">
    <SupportsSMS><xsl:value-of select="if (normalize-space(.) = 'Y') then 'true' else 'false'"/></SupportsSMS>
  </xsl:template>

  <!-- ============================================================== medication -->
  <xsl:template match="CompoundInformation">
    <xsl:message terminate="yes" error-code="rx:COMPOUND" select="rx:path(.) || ': compounds are not accepted'"/>
  </xsl:template>

  <xsl:template match="DrugCoded">
    <xsl:if test="not(ProductCode[Qualifier = 'ND'])">
      <xsl:message terminate="yes" error-code="rx:NDC"
                   select="rx:path(.) || '/ProductCode: an NDC (qualifier ND) is required by 2023011'"/>
    </xsl:if>
    <Product>
      <DrugCoded>
        <NDC><xsl:value-of select="ProductCode/Code"/></NDC>
        <xsl:for-each select="DrugDBCode[Qualifier = ('SCD', 'SBD', 'GPK', 'BPK')]">
          <ProductCode><xsl:copy-of select="Code, Qualifier"/></ProductCode>
        </xsl:for-each>
        <xsl:apply-templates select="Strength"/>
        <xsl:copy-of select="DrugDBCode[not(Qualifier = ('SCD', 'SBD', 'GPK', 'BPK'))]"/>
        <xsl:apply-templates select="DEASchedule"/>
      </DrugCoded>
    </Product>
  </xsl:template>

  <!-- 2023011 requires a Product everywhere except in what an RxFill reports as dispensed. -->
  <xsl:template match="*[not(self::MedicationDispensed and parent::RxFill)][not(DrugCoded)]/DrugDescription">
    <xsl:message terminate="yes" error-code="rx:NDC"
                 select="rx:path(..) || '/DrugCoded: an NDC (qualifier ND) is required by 2023011'"/>
  </xsl:template>

  <xsl:template match="Substitutions">
    <Substitutions><Substitutions><xsl:value-of select="."/></Substitutions></Substitutions>
  </xsl:template>

  <xsl:template match="Diagnosis[Primary]">
    <xsl:variable name="qualifier" select="ClinicalInformationQualifier"/>
    <xsl:for-each select="Primary, Secondary">
      <Diagnosis>
        <ClinicalInformationQualifier><xsl:value-of select="$qualifier"/></ClinicalInformationQualifier>
        <xsl:copy-of select="Qualifier"/>
        <Value><xsl:value-of select="Code"/></Value>
        <xsl:copy-of select="Description, DateOfLastOfficeVisit"/>
      </Diagnosis>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="PriorAuthorization">
    <PriorAuthorizationNumber><xsl:value-of select="."/></PriorAuthorizationNumber>
  </xsl:template>

  <xsl:template match="OtherMedicationDate[OtherMedicationDateQualifier]">
    <OtherMedicationDates><xsl:apply-templates select="*"/></OtherMedicationDates>
  </xsl:template>

  <!-- SigText is the legal direction for use and is kept as sent; the flat 2017071 structure is not regrouped. -->
  <xsl:template match="Sig">
    <Sig><xsl:copy-of select="SigText"/></Sig>
    <xsl:if test="* except SigText">
      <xsl:message select="rx:path(.) || ' structured part dropped (SigText kept): not converted from 2017071'"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

//! JSON payloads that Sinch wrote for its Java SDK's tests decode into the generated types.
//!
//! The payloads (`sms`, `numbers`, `voice`, `verification` and `conversation` folders) are
//! read at run time from SINCH_PAYLOADS, else `$SINCH_SPECS_MIRROR/../payloads`, else
//! `../shared/payloads` beside the repository. They describe the APIs as of 2026 while most
//! descriptions date from 2021, so not everything decodes: the test prints why each file
//! fails and guards the number that decodes today against regressions.
//!
//! Every payload file is listed exactly once: in a domain table, with the type that holds
//! it by meaning (request body, response, callback or nested object), or in `NO_TYPE` when
//! the 2021 description lacks the concept.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[cfg(feature = "conversation")]
use sinch_sdk::conversation::types as c;
#[cfg(feature = "numbers")]
use sinch_sdk::numbers::types as n;
#[cfg(feature = "sms")]
use sinch_sdk::sms::types as s;
#[cfg(feature = "templates")]
use sinch_sdk::templates::types as t;
#[cfg(feature = "verification")]
use sinch_sdk::verification::types as e;
#[cfg(feature = "voice")]
use sinch_sdk::voice::types as v;

/// The generated type of free-form objects (`type: object` without properties), such as
/// `SvamlRequestBody::action` and the body of `Calling_MuteUnmuteConferenceParticipant`.
#[cfg(feature = "voice")]
type JsonObject = BTreeMap<String, Value>;

/// A payload file (relative to the payload folder) and the check that decodes it.
type Entry = (&'static str, fn(&Value) -> Result<(), String>);

/// How many payloads decode today, with every API enabled. Raise it when more decode.
const MIN_DECODED: usize = 257;

/// The folders of the payload directory this test covers.
const DOMAINS: &[&str] = &["sms", "numbers", "voice", "verification", "conversation"];

/// Whether every table is compiled in (the coverage and floor checks need all of them).
const ALL_FEATURES: bool = cfg!(all(
    feature = "sms",
    feature = "numbers",
    feature = "voice",
    feature = "verification",
    feature = "conversation",
    feature = "templates"
));

#[cfg_attr(
    not(any(
        feature = "sms",
        feature = "numbers",
        feature = "voice",
        feature = "verification",
        feature = "conversation",
        feature = "templates"
    )),
    allow(dead_code)
)]
fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(value.clone())
        .map(drop)
        .map_err(|e| e.to_string())
}

fn payload_dir() -> PathBuf {
    let dir = if let Some(p) = std::env::var_os("SINCH_PAYLOADS") {
        PathBuf::from(p)
    } else if let Some(p) = std::env::var_os("SINCH_SPECS_MIRROR") {
        PathBuf::from(p).join("../payloads")
    } else {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/payloads"))
    };
    assert!(
        dir.is_dir(),
        "payload directory {} does not exist: set SINCH_PAYLOADS (or SINCH_SPECS_MIRROR with payloads/ beside it)",
        dir.display()
    );
    dir
}

/// Every entry whose API is compiled in.
fn table() -> Vec<Entry> {
    #[allow(unused_mut)]
    let mut entries: Vec<Entry> = Vec::new();
    #[cfg(feature = "sms")]
    entries.extend_from_slice(SMS);
    #[cfg(feature = "numbers")]
    entries.extend_from_slice(NUMBERS);
    #[cfg(feature = "voice")]
    entries.extend_from_slice(VOICE);
    #[cfg(feature = "verification")]
    entries.extend_from_slice(VERIFICATION);
    #[cfg(feature = "conversation")]
    entries.extend_from_slice(CONVERSATION);
    #[cfg(feature = "templates")]
    entries.extend_from_slice(TEMPLATES);
    entries
}

fn domain(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

fn read(dir: &Path, rel: &str) -> Value {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read payload {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

/// The `.json` files under `dir`, as paths relative to `root` with `/` separators.
fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            walk(root, &path, out);
        } else if path.extension().is_some_and(|x| x == "json") {
            let rel = path.strip_prefix(root).expect("below the root");
            let parts: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.insert(parts.join("/"));
        }
    }
}

#[test]
fn java_sdk_payloads_decode() {
    let dir = payload_dir();
    let entries = table();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (rel, check) in &entries {
        let value = read(&dir, rel);
        let count = counts.entry(domain(rel)).or_default();
        count.1 += 1;
        match check(&value) {
            Ok(()) => count.0 += 1,
            Err(e) => failures.push((*rel, e)),
        }
    }
    for (rel, error) in &failures {
        println!("FAIL {rel}: {error}");
    }
    for (name, (ok, total)) in &counts {
        let untyped = NO_TYPE.iter().filter(|(p, _)| domain(p) == *name).count();
        println!("payloads/{name}: {ok} of {total} decode ({untyped} without a type)");
    }
    let decoded: usize = counts.values().map(|c| c.0).sum();
    println!("payloads: {decoded} of {} decode", entries.len());
    println!("payloads without a generated type (NO_TYPE): {}", NO_TYPE.len());
    if ALL_FEATURES {
        assert!(
            decoded >= MIN_DECODED,
            "only {decoded} payloads decode, fewer than MIN_DECODED = {MIN_DECODED}"
        );
    }
}

#[test]
fn every_payload_is_mapped_once() {
    let dir = payload_dir();
    let entries = table();
    let mut seen = BTreeMap::new();
    for rel in entries.iter().map(|e| e.0).chain(NO_TYPE.iter().map(|e| e.0)) {
        *seen.entry(rel).or_insert(0) += 1;
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).map(|(p, _)| *p).collect();
    assert!(twice.is_empty(), "listed more than once: {twice:#?}");
    if !ALL_FEATURES {
        return;
    }
    let mut files = BTreeSet::new();
    for name in DOMAINS {
        walk(&dir, &dir.join(name), &mut files);
    }
    let listed: BTreeSet<String> = seen.keys().map(|p| p.to_string()).collect();
    let missing: Vec<_> = files.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&files).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "payload files not in a table: {missing:#?}\ntable entries with no file: {extra:#?}"
    );
}

#[cfg(feature = "sms")]
const SMS: &[Entry] = &[
    ("sms/v1/BinaryRequestDto.json", decode::<s::SendBatchObject>),
    ("sms/v1/CreateGroupRequestDto.json", decode::<s::GroupObject>),
    // send body; the 2021 spec knows mt_text/mt_binary only
    ("sms/v1/MediaRequestDto.json", decode::<s::SendBatchObject>),
    ("sms/v1/ReplaceGroupRequestDto.json", decode::<s::ReplaceGroupRequest>),
    ("sms/v1/UpdateSMSBinaryRequestDto.json", decode::<s::UpdateBatchReq>),
    ("sms/v1/UpdateSMSMediaRequestDto.json", decode::<s::UpdateBatchReq>),
    ("sms/v1/UpdateSMSTextRequestDto.json", decode::<s::UpdateBatchReq>),
    (
        "sms/v1/batches/request/BinaryRequestDto.json",
        decode::<s::SendBatchObject>,
    ),
    // send body; the 2021 spec knows mt_text/mt_binary only
    (
        "sms/v1/batches/request/MediaRequestDto.json",
        decode::<s::SendBatchObject>,
    ),
    (
        "sms/v1/batches/request/TextRequestDto.json",
        decode::<s::SendBatchObject>,
    ),
    (
        "sms/v1/batches/request/UpdateBinaryRequestDto.json",
        decode::<s::UpdateBatchReq>,
    ),
    (
        "sms/v1/batches/request/UpdateMediaRequestDto.json",
        decode::<s::UpdateBatchReq>,
    ),
    (
        "sms/v1/batches/request/UpdateTextRequestDto.json",
        decode::<s::UpdateBatchReq>,
    ),
    (
        "sms/v1/batches/response/BinaryResponseDto.json",
        decode::<s::SendBatchCreated>,
    ),
    (
        "sms/v1/batches/response/DryRunResponseDto.json",
        decode::<s::DryRunResponse>,
    ),
    (
        "sms/v1/batches/response/ListBatchesResponseDtoPage0.json",
        decode::<s::ListBatchesResponse>,
    ),
    (
        "sms/v1/batches/response/ListBatchesResponseDtoPage1.json",
        decode::<s::ListBatchesResponse>,
    ),
    (
        "sms/v1/batches/response/ListBatchesResponseDtoPage2.json",
        decode::<s::ListBatchesResponse>,
    ),
    (
        "sms/v1/batches/response/MediaResponseDto.json",
        decode::<s::SendBatchCreated>,
    ),
    (
        "sms/v1/batches/response/TextResponseDto.json",
        decode::<s::SendBatchCreated>,
    ),
    (
        "sms/v1/deliveryreports/BatchDeliveryReportMMSDto.json",
        decode::<s::RetrieveDeliveryResponseObj>,
    ),
    (
        "sms/v1/deliveryreports/BatchDeliveryReportSMSDto.json",
        decode::<s::RetrieveDeliveryResponseObj>,
    ),
    (
        "sms/v1/deliveryreports/RecipientDeliveryReportMMSDto.json",
        decode::<s::GetDeliveryReportByPhoneNumberResponse>,
    ),
    (
        "sms/v1/deliveryreports/RecipientDeliveryReportSMSDto.json",
        decode::<s::GetDeliveryReportByPhoneNumberResponse>,
    ),
    // what the group operations return
    ("sms/v1/groups/GroupDto.json", decode::<s::CreateGroupResponse>),
    ("sms/v1/groups/request/GroupRequestDto.json", decode::<s::GroupObject>),
    (
        "sms/v1/groups/request/GroupUpdateRequestDto.json",
        decode::<s::UpdateGroupRequest>,
    ),
    (
        "sms/v1/groups/response/ListGroupsResponseDtoPage0.json",
        decode::<s::ListGroupsResponse>,
    ),
    (
        "sms/v1/groups/response/ListGroupsResponseDtoPage1.json",
        decode::<s::ListGroupsResponse>,
    ),
    (
        "sms/v1/groups/response/ListGroupsResponseDtoPage2.json",
        decode::<s::ListGroupsResponse>,
    ),
    ("sms/v1/inbounds/InboundBinaryDto.json", decode::<s::InboundsObject>),
    ("sms/v1/inbounds/InboundMediaDto.json", decode::<s::InboundsObject>),
    ("sms/v1/inbounds/InboundTextDto.json", decode::<s::InboundsObject>),
    // the inbounds list
    (
        "sms/v1/inbounds/response/internal/InboundsListResponseDtoPage0.json",
        decode::<s::InboundResponseObject>,
    ),
    (
        "sms/v1/inbounds/response/internal/InboundsListResponseDtoPage1.json",
        decode::<s::InboundResponseObject>,
    ),
    (
        "sms/v1/inbounds/response/internal/InboundsListResponseDtoPage2.json",
        decode::<s::InboundResponseObject>,
    ),
];

#[cfg(feature = "numbers")]
const NUMBERS: &[Entry] = &[
    (
        "numbers/v1/active/ScheduledVoiceProvisioningDtoEST.json",
        decode::<n::ScheduledVoiceProvisioning>,
    ),
    (
        "numbers/v1/active/ScheduledVoiceProvisioningDtoFAX.json",
        decode::<n::ScheduledVoiceProvisioning>,
    ),
    (
        "numbers/v1/active/ScheduledVoiceProvisioningDtoRTC.json",
        decode::<n::ScheduledVoiceProvisioning>,
    ),
    (
        "numbers/v1/active/SmsConfigurationDtoServicePlanIdNull.json",
        decode::<n::SmsConfiguration>,
    ),
    (
        "numbers/v1/active/SmsConfigurationDtoServicePlanIdValue.json",
        decode::<n::SmsConfiguration>,
    ),
    (
        "numbers/v1/active/SmsConfigurationRequestDto.json",
        decode::<n::SmsConfiguration>,
    ),
    (
        "numbers/v1/active/SmsConfigurationResponseDto.json",
        decode::<n::SmsConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationDtoAppIdNull.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationDtoAppIdUndefined.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationDtoAppIdValue.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationDtoRTCSwitchToFAX.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationRequestDtoEST.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationRequestDtoFAX.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationRequestDtoRTC.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationResponseDtoEST.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationResponseDtoFAX.json",
        decode::<n::VoiceConfiguration>,
    ),
    (
        "numbers/v1/active/VoiceConfigurationResponseDtoRTC.json",
        decode::<n::VoiceConfiguration>,
    ),
    ("numbers/v1/active/active-numbers-get.json", decode::<n::ActiveNumber>),
    (
        "numbers/v1/active/active-numbers-list-light.json",
        decode::<n::ListActiveNumbersResponse>,
    ),
    (
        "numbers/v1/active/active-numbers-list.json",
        decode::<n::ListActiveNumbersResponse>,
    ),
    // UpdateActiveNumber body
    (
        "numbers/v1/active/active-numbers-update-request.json",
        decode::<n::ActiveNumber>,
    ),
    (
        "numbers/v1/available/available-numbers-get.json",
        decode::<n::AvailableNumber>,
    ),
    (
        "numbers/v1/available/available-numbers-list.json",
        decode::<n::ListAvailableNumbersResponse>,
    ),
    // RentNumber returns the active number
    ("numbers/v1/errors/rent-response.json", decode::<n::ActiveNumber>),
];

#[cfg(feature = "voice")]
const VOICE: &[Entry] = &[
    // the only price shape ({amount, currencyId})
    ("voice/v1/PriceDto.json", decode::<v::GetQueryNumberRate>),
    (
        "voice/v1/applications/request/UnAssignNumberRequestDto.json",
        decode::<v::UnassignNumbers>,
    ),
    // callback URLs were "callbacks" in 2021
    (
        "voice/v1/applications/request/UpdateEventDestinationsRequestDto.json",
        decode::<v::UpdateCallbacks>,
    ),
    (
        "voice/v1/applications/request/UpdateNumbersRequestDto.json",
        decode::<v::UpdateNumbers>,
    ),
    // callback URLs were "callbacks" in 2021
    (
        "voice/v1/applications/response/GetEventDestinationsResponseDto.json",
        decode::<v::GetCallbacks>,
    ),
    (
        "voice/v1/applications/response/OwnedNumbersResponseDto.json",
        decode::<v::GetNumbersResponseObj>,
    ),
    (
        "voice/v1/applications/response/QueryNumberResponseDto.json",
        decode::<v::GetQueryNumber>,
    ),
    (
        "voice/v1/callouts/CalloutRequestConferenceDto.json",
        decode::<v::CalloutRequest>,
    ),
    (
        "voice/v1/callouts/CalloutRequestCustomDto.json",
        decode::<v::CalloutRequest>,
    ),
    (
        "voice/v1/callouts/CalloutRequestTtsDto.json",
        decode::<v::CalloutRequest>,
    ),
    (
        "voice/v1/callouts/CalloutResponseDto.json",
        decode::<v::GetCalloutResponseObj>,
    ),
    (
        "voice/v1/calls/GetCallInformationResponseDto.json",
        decode::<v::GetCallResponseObj>,
    ),
    (
        "voice/v1/calls/request/CallUpdateRequestDto.json",
        decode::<v::SvamlRequestBody>,
    ),
    (
        "voice/v1/conferences/ConferenceParticipantDto.json",
        decode::<v::GetConferenceInfoResponseParticipantsItem>,
    ),
    // the spec types this body as a free-form object
    (
        "voice/v1/conferences/request/ConferenceManageParticipantRequestDto.json",
        decode::<JsonObject>,
    ),
    (
        "voice/v1/conferences/response/ConferenceGetResponseDto.json",
        decode::<v::GetConferenceInfoResponse>,
    ),
    ("voice/v1/destination/DestinationDidDto.json", decode::<v::Destination>),
    (
        "voice/v1/destination/DestinationMxpAliasDto.json",
        decode::<v::Destination>,
    ),
    ("voice/v1/destination/DestinationMxpDto.json", decode::<v::Destination>),
    (
        "voice/v1/destination/DestinationPstnAliasDto.json",
        decode::<v::Destination>,
    ),
    ("voice/v1/destination/DestinationPstnDto.json", decode::<v::Destination>),
    ("voice/v1/destination/DestinationSipDto.json", decode::<v::Destination>),
    (
        "voice/v1/destination/DestinationWebSocketDto.json",
        decode::<v::Destination>,
    ),
    ("voice/v1/svaml/SvamlControlDto.json", decode::<v::SvamlRequestBody>),
    // SvamlRequestBody::action is a free-form object
    (
        "voice/v1/svaml/action/SvamlActionConnectConferenceDto.json",
        decode::<JsonObject>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectMxpDto.json",
        decode::<JsonObject>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectPstnDto.json",
        decode::<JsonObject>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectSipDto.json",
        decode::<JsonObject>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectStreamDto.json",
        decode::<JsonObject>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionContinueDto.json",
        decode::<JsonObject>,
    ),
    ("voice/v1/svaml/action/SvamlActionHangupDto.json", decode::<JsonObject>),
    ("voice/v1/svaml/action/SvamlActionParkDto.json", decode::<JsonObject>),
    ("voice/v1/svaml/action/SvamlActionRunMenuDto.json", decode::<JsonObject>),
    // an item of SvamlRequestBody::instructions
    (
        "voice/v1/svaml/instruction/SvamlInstructionAnswerDto.json",
        decode::<v::SvamlRequestBodyInstructionsItem>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionPlayFilesDto.json",
        decode::<v::SvamlRequestBodyInstructionsItem>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionSayDto.json",
        decode::<v::SvamlRequestBodyInstructionsItem>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionSendDtmfDto.json",
        decode::<v::SvamlRequestBodyInstructionsItem>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionSetCookieDto.json",
        decode::<v::SvamlRequestBodyInstructionsItem>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionStartRecordingDto.json",
        decode::<v::SvamlRequestBodyInstructionsItem>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionStopRecordingDto.json",
        decode::<v::SvamlRequestBodyInstructionsItem>,
    ),
];

#[cfg(feature = "verification")]
const VERIFICATION: &[Entry] = &[
    (
        "verification/v1/report/VerificationReportRequestFlashCallDto.json",
        decode::<e::VerificationReportRequestResource>,
    ),
    (
        "verification/v1/report/VerificationReportRequestPhoneCallDto.json",
        decode::<e::VerificationReportRequestResource>,
    ),
    (
        "verification/v1/report/VerificationReportRequestSmsDto.json",
        decode::<e::VerificationReportRequestResource>,
    ),
    (
        "verification/v1/report/VerificationReportRequestWhatsAppDto.json",
        decode::<e::VerificationReportRequestResource>,
    ),
    (
        "verification/v1/report/VerificationReportResponseFlashCallDto.json",
        decode::<e::VerificationResponse>,
    ),
    (
        "verification/v1/report/VerificationReportResponsePhoneCallDto.json",
        decode::<e::VerificationResponse>,
    ),
    (
        "verification/v1/report/VerificationReportResponseSmsDto.json",
        decode::<e::VerificationResponse>,
    ),
    (
        "verification/v1/report/VerificationReportResponseWhatsAppDto.json",
        decode::<e::VerificationResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationResultEventDto.json",
        decode::<e::VerificationResultEvent>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventDto.json",
        decode::<e::VerificationRequestEvent>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventResponseFlashCallDto.json",
        decode::<e::VerificationRequestEventResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventResponseFlashCallEmptyFlashCallDto.json",
        decode::<e::VerificationRequestEventResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventResponsePhoneCallDto.json",
        decode::<e::VerificationRequestEventResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventResponsePhoneCallEmptyCalloutDto.json",
        decode::<e::VerificationRequestEventResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventResponseSmsDto.json",
        decode::<e::VerificationRequestEventResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventResponseSmsEmptySmsDto.json",
        decode::<e::VerificationRequestEventResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventResponseWhatsAppDto.json",
        decode::<e::VerificationRequestEventResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationStartEventResponseWhatsAppEmptyWhatsAppDto.json",
        decode::<e::VerificationRequestEventResponse>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestDataDto.json",
        decode::<e::InitiateVerificationResource>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestFlashCallDto.json",
        decode::<e::InitiateVerificationResource>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestPhoneCallDto.json",
        decode::<e::InitiateVerificationResource>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestSmsDto.json",
        decode::<e::InitiateVerificationResource>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestWhatsAppDto.json",
        decode::<e::InitiateVerificationResource>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponseDataDto.json",
        decode::<e::InitiateVerificationResponse>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponseFlashCallDto.json",
        decode::<e::InitiateVerificationResponse>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponsePhoneCallDto.json",
        decode::<e::InitiateVerificationResponse>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponseSmsDto.json",
        decode::<e::InitiateVerificationResponse>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponseWhatsAppDto.json",
        decode::<e::InitiateVerificationResponse>,
    ),
    (
        "verification/v1/status/VerificationStatusResponseFlashCallDto.json",
        decode::<e::VerificationResponse>,
    ),
    (
        "verification/v1/status/VerificationStatusResponsePhoneCallDto.json",
        decode::<e::VerificationResponse>,
    ),
    (
        "verification/v1/status/VerificationStatusResponseSmsDto.json",
        decode::<e::VerificationResponse>,
    ),
    (
        "verification/v1/status/VerificationStatusResponseWhatsAppDto.json",
        decode::<e::VerificationResponse>,
    ),
];

#[cfg(feature = "conversation")]
const CONVERSATION: &[Entry] = &[
    ("conversation/v1/ChannelIdentityDto.json", decode::<c::ChannelIdentity>),
    ("conversation/v1/ReasonDto.json", decode::<c::Reason>),
    ("conversation/v1/ReasonWithChannelCodeDto.json", decode::<c::Reason>),
    (
        "conversation/v1/RecipientChannelRecipientIdentitiesDto.json",
        decode::<c::Recipient>,
    ),
    ("conversation/v1/RecipientContactIdDto.json", decode::<c::Recipient>),
    // an omni-message override (AppMessage shape)
    (
        "conversation/v1/TemplateReferenceFieldWithVersionDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/TemplateReferenceFieldWithoutVersionDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/TemplateReferenceWithVersionDto.json",
        decode::<c::TemplateReference>,
    ),
    (
        "conversation/v1/TemplateReferenceWithoutVersionDto.json",
        decode::<c::TemplateReference>,
    ),
    ("conversation/v1/apps/AppCreateRequestDto.json", decode::<c::App>),
    (
        "conversation/v1/apps/AppListResponseDto.json",
        decode::<c::ListAppsResponse>,
    ),
    ("conversation/v1/apps/AppResponseDto.json", decode::<c::App>),
    ("conversation/v1/apps/AppUpdateRequestDto.json", decode::<c::App>),
    (
        "conversation/v1/capability/request/QueryCapabilityRequestDto.json",
        decode::<c::QueryCapabilityRequest>,
    ),
    (
        "conversation/v1/capability/response/QueryCapabilityResponseDto.json",
        decode::<c::QueryCapabilityResponse>,
    ),
    (
        "conversation/v1/contacts/ContactCreateRequestDto.json",
        decode::<c::Contact>,
    ),
    ("conversation/v1/contacts/ContactDto.json", decode::<c::Contact>),
    (
        "conversation/v1/contacts/ContactListResponseDtoPage0.json",
        decode::<c::ListContactsResponse>,
    ),
    (
        "conversation/v1/contacts/ContactListResponseDtoPage1.json",
        decode::<c::ListContactsResponse>,
    ),
    (
        "conversation/v1/contacts/ContactMergeRequestDto.json",
        decode::<c::MergeContactRequest>,
    ),
    (
        "conversation/v1/contacts/ContactUpdateRequestDto.json",
        decode::<c::Contact>,
    ),
    (
        "conversation/v1/conversations/ConversationRequestDto.json",
        decode::<c::Conversation>,
    ),
    (
        "conversation/v1/conversations/ConversationResponseDto.json",
        decode::<c::Conversation>,
    ),
    (
        "conversation/v1/conversations/request/CreateConversationRequestDto.json",
        decode::<c::Conversation>,
    ),
    // InjectMessage body
    (
        "conversation/v1/conversations/request/InjectAppMessageRequestDto.json",
        decode::<c::ConversationMessage>,
    ),
    (
        "conversation/v1/conversations/request/InjectContactMessageRequestDto.json",
        decode::<c::ConversationMessage>,
    ),
    (
        "conversation/v1/conversations/response/ConversationsListResponse-page-0.json",
        decode::<c::ListConversationsResponse>,
    ),
    (
        "conversation/v1/conversations/response/ConversationsListResponse-page-1.json",
        decode::<c::ListConversationsResponse>,
    ),
    (
        "conversation/v1/conversations/response/ConversationsListResponse-page-2.json",
        decode::<c::ListConversationsResponse>,
    ),
    // an App's channel credential
    (
        "conversation/v1/credentials/ConversationChannelAppleBusinessChatRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelAppleBusinessChatResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelInstagramRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelInstagramResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelKakaoTalkChatRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelKakaoTalkChatResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelKakaoTalkRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelKakaoTalkResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineEnterpriseJapanRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineEnterpriseJapanResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineEnterpriseThailandRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineEnterpriseThailandResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelMMSRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelMMSResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelMessengerRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelMessengerResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelRCSRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelRCSResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelSMSRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelSMSResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelTelegramRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelTelegramResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelViberBmRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelViberBmResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelWeChatRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelWeChatResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelWhatsAppRequestDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelWhatsAppResponseDto.json",
        decode::<c::ConversationChannelCredential>,
    ),
    (
        "conversation/v1/eventdestinations/ClientCredentialsDto.json",
        decode::<c::ClientCredentials>,
    ),
    (
        "conversation/v1/eventdestinations/request/EventDestinationRequestDto.json",
        decode::<c::Webhook>,
    ),
    (
        "conversation/v1/eventdestinations/response/EventDestinationResponseDto.json",
        decode::<c::Webhook>,
    ),
    (
        "conversation/v1/eventdestinations/response/EventDestinationsListResponseDto.json",
        decode::<c::ListWebhooksResponse>,
    ),
    (
        "conversation/v1/events/request/SendEventRequestDto.json",
        decode::<c::SendEventRequest>,
    ),
    (
        "conversation/v1/events/response/SendEventResponseDto.json",
        decode::<c::SendEventResponse>,
    ),
    // the `event` of SendEvent
    (
        "conversation/v1/events/types/AgentJoinedEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/AgentLeftEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/CommentEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/CommentReplyEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/ComposingEndEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/ComposingEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/ConversationDeletedEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/GenericEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/PaymentStatusUpdateEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/ReactionEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/events/types/ShortLinkActivatedEventDto.json",
        decode::<c::AppEvent>,
    ),
    (
        "conversation/v1/messages/AppMessageCardDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/AppMessageCarouselDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/AppMessageChoiceDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/AppMessageContactInfoDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/AppMessageListDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/AppMessageLocationDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/AppMessageMediaDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/AppMessageTemplateDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/AppMessageTextDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageChannelSpecificContactNfmReply.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageChoiceResponseDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageFallbackDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageLocationDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageMediaCardDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageMediaDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageProductResponseDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageTextDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageTextNoReplyToDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ContactMessageTextNullReplyToDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/ConversationMessageAppTextRequestDto.json",
        decode::<c::ConversationMessage>,
    ),
    (
        "conversation/v1/messages/ConversationMessageAppTextResponseDto.json",
        decode::<c::ConversationMessage>,
    ),
    (
        "conversation/v1/messages/ConversationMessageContactLocationRequestDto.json",
        decode::<c::ConversationMessage>,
    ),
    (
        "conversation/v1/messages/ConversationMessageContactLocationResponseDto.json",
        decode::<c::ConversationMessage>,
    ),
    // omni-message overrides are AppMessage shapes
    (
        "conversation/v1/messages/OmniMessageOverrideCardDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideCarouselDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideChoiceDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideContactInfoDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideListDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideLocationDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideMediaDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideTemplateReferenceDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideTextDto.json",
        decode::<c::AppMessage>,
    ),
    // `reply_to` belongs to ContactMessage
    ("conversation/v1/messages/ReplyToDto.json", decode::<c::ContactMessage>),
    (
        "conversation/v1/messages/request/SendCardMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/request/SendCarouselMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/request/SendChoiceMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/request/SendContactInfoMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/request/SendListMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/request/SendLocationMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/request/SendMediaMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/request/SendTemplateMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/request/SendTextMessageRequestDto.json",
        decode::<c::SendMessageRequest>,
    ),
    (
        "conversation/v1/messages/response/MessagesListResponse-page-0.json",
        decode::<c::ListMessagesResponse>,
    ),
    (
        "conversation/v1/messages/response/MessagesListResponse-page-1.json",
        decode::<c::ListMessagesResponse>,
    ),
    (
        "conversation/v1/messages/response/SendMessageResponseDto.json",
        decode::<c::SendMessageResponse>,
    ),
    // call_message lives in Choice
    (
        "conversation/v1/messages/types/call/CallMessageDto.json",
        decode::<c::Choice>,
    ),
    (
        "conversation/v1/messages/types/card/CardMessageDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/types/card/CardMessageWithMessagePropertiesWhatsAppHeaderDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/types/carousel/CarouselMessageDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/types/choice/ChoiceMessageDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/types/choice/ChoiceMessageWithWhatsappFooterDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/types/choiceresponse/ChoiceResponseMessageDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/types/fallback/FallbackMessageDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/types/location/CoordinatesDto.json",
        decode::<c::Coordinates>,
    ),
    (
        "conversation/v1/messages/types/location/LocationMessageDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/types/media/MediaMessageDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/types/mediacard/MediaCardMessageDto.json",
        decode::<c::ContactMessage>,
    ),
    (
        "conversation/v1/messages/types/template/TemplateMessageDto.json",
        decode::<c::AppMessage>,
    ),
    (
        "conversation/v1/messages/types/text/TextMessageDto.json",
        decode::<c::AppMessage>,
    ),
    // url_message lives in Choice
    (
        "conversation/v1/messages/types/url/UrlMessageDto.json",
        decode::<c::Choice>,
    ),
    (
        "conversation/v1/transcoding/request/TranscodeMessageRequestDto.json",
        decode::<c::TranscodeMessageRequest>,
    ),
    (
        "conversation/v1/transcoding/response/TranscodeMessageResponseDto.json",
        decode::<c::TranscodeMessageResponse>,
    ),
];

#[cfg(feature = "templates")]
const TEMPLATES: &[Entry] = &[
    (
        "conversation/templates/TemplateVariableDto.json",
        decode::<t::TemplateVariable>,
    ),
    // Templates v2 shapes: the closest v1 types
    (
        "conversation/templates/v2/request/TemplateTranslationV2RequestDto.json",
        decode::<t::TemplateTranslation>,
    ),
    (
        "conversation/templates/v2/request/TemplateV2RequestDto.json",
        decode::<t::Template>,
    ),
    (
        "conversation/templates/v2/response/TemplateTranslationV2ResponseDto.json",
        decode::<t::TemplateTranslation>,
    ),
    (
        "conversation/templates/v2/response/TemplateV2ResponseDto.json",
        decode::<t::Template>,
    ),
    (
        "conversation/templates/v2/response/TemplatesV2ListResponseDto.json",
        decode::<t::ListTemplatesResponse>,
    ),
];

/// Payloads with no generated type: the 2021 descriptions lack the concept.
const NO_TYPE: &[(&str, &str)] = &[
    (
        "conversation/templates/v2/ChannelTemplateOverrideWithVersionDto.json",
        "channel template overrides exist only in Templates v2",
    ),
    (
        "conversation/templates/v2/ChannelTemplateOverrideWithoutVersionDto.json",
        "channel template overrides exist only in Templates v2",
    ),
    (
        "conversation/templates/v2/response/TranslationsV2ListResponseDto.json",
        "list-translations endpoint exists only in Templates v2",
    ),
    ("conversation/v1/AgentDto.json", "agents are not in the 2021 spec"),
    (
        "conversation/v1/consents/AuditRecordsResponseDto.json",
        "consents API is not in the 2021 spec",
    ),
    (
        "conversation/v1/consents/ConsentsListResponseDtoPage0.json",
        "consents API is not in the 2021 spec",
    ),
    (
        "conversation/v1/consents/ConsentsListResponseDtoPage1.json",
        "consents API is not in the 2021 spec",
    ),
    (
        "conversation/v1/contacts/ContactGetChannelProfileByChannelRequestDto.json",
        "get-channel-profile endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/contacts/ContactGetChannelProfileByContactRequestDto.json",
        "get-channel-profile endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/contacts/ContactGetChannelResponseDto.json",
        "get-channel-profile endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/contacts/IdentityConflictsDto.json",
        "identity conflicts are not in the 2021 spec",
    ),
    (
        "conversation/v1/contacts/ListIdentityConflictsResponseDtoPage0.json",
        "identity conflicts are not in the 2021 spec",
    ),
    (
        "conversation/v1/contacts/ListIdentityConflictsResponseDtoPage1.json",
        "identity conflicts are not in the 2021 spec",
    ),
    (
        "conversation/v1/conversations/request/InjectEventRequestDto.json",
        "conversation events (inject event) are not in the 2021 spec",
    ),
    (
        "conversation/v1/conversations/response/ConversationRecentMessageDto.json",
        "list-recent-conversations endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/conversations/response/ConversationsListRecentResponse-page-0.json",
        "list-recent-conversations endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/conversations/response/ConversationsListRecentResponse-page-1.json",
        "list-recent-conversations endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/events/ConversationEventGenericEventDto.json",
        "conversation events (stored events) are not in the 2021 spec",
    ),
    (
        "conversation/v1/events/response/EventsListResponse-page-0.json",
        "list-events endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/events/response/EventsListResponse-page-1.json",
        "list-events endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/ChoiceItemDto.json",
        "list messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/ProductItemDto.json",
        "products (list/product messages) are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/request/ListLastMessagesByChannelIdentityRequestDto.json",
        "list-last-messages-by-channel-identity endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/request/MessageUpdateRequestDto.json",
        "update-message-metadata endpoint is not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/calendar/CalendarMessageDto.json",
        "calendar messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/card/MessagePropertiesDto.json",
        "message properties are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageFlowsDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageKakaoTalkCarouselCommerceDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageKakaoTalkCommerceDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageOrderDetailsDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageOrderStatusDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/buttons/AppLinkButtonDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/buttons/BotKeywordButtonDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/buttons/WebLinkButtonDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/carousel/CarouselDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/carousel/CarouselHeadDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/carousel/CarouselTailDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/carousel/KakaoTalkCarouselCommerceChannelSpecificMessageDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/DiscountFixedCommerceDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/DiscountRateCommerceDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/KakaoTalkCommerceChannelSpecificMessageDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/KakaoTalkCommerceMessageDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/RegularPriceCommerceDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/DiscountFixedCouponDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/DiscountRateCouponDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/DiscountShippingCouponDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/FreeCouponDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/UpCouponDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/image/ImageDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/line/LineNotificationMessageTemplateChannelSpecificMessageDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/FlowChannelSpecificMessageHeaderDocumentDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/FlowChannelSpecificMessageHeaderImageDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/FlowChannelSpecificMessageHeaderTextDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/FlowChannelSpecificMessageHeaderVideoDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/WhatsAppInteractiveHeaderDocumentDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/WhatsAppInteractiveHeaderImageDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/WhatsAppInteractiveHeaderTextDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/WhatsAppInteractiveHeaderVideoDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/nfmreply/ChannelSpecificContactMessageNfmReply.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderDetailsDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderDetailsPaymentButtonBoletoDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderDetailsPaymentButtonDynamicPixDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderDetailsPaymentButtonLinkDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderStatusDto.json",
        "channel-specific messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/contactinfo/AddressInfoDto.json",
        "contact-info messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/contactinfo/ContactInfoMessageDto.json",
        "contact-info messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/contactinfo/EmailInfoDto.json",
        "contact-info messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/contactinfo/NameInfoDto.json",
        "contact-info messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/contactinfo/OrganizationInfoDto.json",
        "contact-info messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/contactinfo/PhoneNumberInfoDto.json",
        "contact-info messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/contactinfo/URLInfoDto.json",
        "contact-info messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/list/ListMessageChoiceDto.json",
        "list messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/list/ListMessageChoiceWithWhatsappHeaderDto.json",
        "list messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/list/ListMessageProductDto.json",
        "list messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/productresponse/ProductResponseMessageDto.json",
        "product-response messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/messages/types/sharelocation/ShareLocationMessageDto.json",
        "share-location messages are not in the 2021 spec",
    ),
    (
        "conversation/v1/projectsettings/ContactSettingsDto.json",
        "project settings are not in the 2021 spec",
    ),
    (
        "conversation/v1/projectsettings/ProjectSettingsDto.json",
        "project settings are not in the 2021 spec",
    ),
    (
        "conversation/v1/projectsettings/request/ProjectSettingsRequestDto.json",
        "project settings are not in the 2021 spec",
    ),
    (
        "conversation/v1/projectsettings/response/ProjectSettingsResponseDto.json",
        "project settings are not in the 2021 spec",
    ),
    (
        "conversation/v1/sinchevents/capability/CapabilityEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/channel/ChannelEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/contact/ContactCreateEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/contact/ContactDeleteEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/contact/ContactIdentitiesDuplicationEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/contact/ContactMergeEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/contact/ContactUpdateEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/conversation/ConversationDeleteEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/conversation/ConversationStartEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/conversation/ConversationStopEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/delivery/EventDeliveryReceiptEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/delivery/MessageDeliveryReceiptEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/inbound/InboundContactEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/inbound/InboundContactMessageEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/message/MessageInboundEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/message/MessageSubmitEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/opting/OptInEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/opting/OptOutEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/record/RecordNotificationEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/smartconversations/MessageInboundSmartConversationRedactionEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/smartconversations/SmartConversationsEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "conversation/v1/sinchevents/unsupported/UnsupportedCallbackEventDto.json",
        "the 2021 spec has no callback (webhook event) schemas",
    ),
    (
        "numbers/v1/emergency-address.json",
        "emergency addresses are not in the 2021 spec",
    ),
    (
        "numbers/v1/errors/error-trial-account.json",
        "the 2021 spec gives error responses an empty schema (kept as serde_json::Value)",
    ),
    (
        "numbers/v1/errors/not-found-error.json",
        "the 2021 spec gives error responses an empty schema (kept as serde_json::Value)",
    ),
    (
        "numbers/v1/eventdestinations/event-destination-response.json",
        "event destinations (callbacks config) are not in the 2021 spec",
    ),
    (
        "numbers/v1/eventdestinations/event-destination-update-request.json",
        "event destinations (callbacks config) are not in the 2021 spec",
    ),
    (
        "numbers/v1/regions/available-regions-list.json",
        "available-regions endpoint is not in the 2021 spec",
    ),
    (
        "numbers/v1/request/emergency-address-request.json",
        "emergency addresses are not in the 2021 spec",
    ),
    (
        "numbers/v1/response/validate-address-response-no-match.json",
        "emergency address validation is not in the 2021 spec",
    ),
    (
        "numbers/v1/response/validate-address-response.json",
        "emergency address validation is not in the 2021 spec",
    ),
    (
        "numbers/v1/sinchevents/number-sinch-event.json",
        "the 2021 spec has no callback event schema",
    ),
    (
        "sms/v1/batches/MediaBodyDto.json",
        "MMS media body: the 2021 spec has no mt_media batches",
    ),
    (
        "sms/v1/batches/request/SendDeliveryFeedbackRequestDto.json",
        "delivery feedback endpoint is not in the 2021 spec",
    ),
    (
        "sms/v1/deliveryreports/response/ListDeliveryReportResponseDtoPage0.json",
        "list-delivery-reports endpoint is not in the 2021 spec",
    ),
    (
        "sms/v1/deliveryreports/response/ListDeliveryReportResponseDtoPage1.json",
        "list-delivery-reports endpoint is not in the 2021 spec",
    ),
    (
        "sms/v1/deliveryreports/response/ListDeliveryReportResponseDtoPage2.json",
        "list-delivery-reports endpoint is not in the 2021 spec",
    ),
    (
        "sms/v1/error-response.json",
        "the 2021 spec gives error responses no schema",
    ),
    (
        "verification/v1/error-response.json",
        "the 2021 spec has no error schema",
    ),
    (
        "verification/v1/sinchevents/VerificationSmsDeliveryEventEventDto.json",
        "SMS-delivered callback is not in the 2021 spec",
    ),
    (
        "verification/v1/start/LinkDto.json",
        "`_links` are not in the 2021 spec",
    ),
    (
        "verification/v1/start/request/internal/VerificationStartSmsOptionsDto.json",
        "SDK-internal shape",
    ),
    (
        "verification/v1/start/request/internal/VerificationStartSmsOptionsWithAdditionalPropertiesDto.json",
        "SDK-internal shape",
    ),
    (
        "voice/v1/sinchevents/AnsweredCallEventDto.json",
        "the 2021 spec has no callback event (ICE/ACE/DiCE/PIE/notify) schema",
    ),
    (
        "voice/v1/sinchevents/DisconnectedCallEventDto.json",
        "the 2021 spec has no callback event (ICE/ACE/DiCE/PIE/notify) schema",
    ),
    (
        "voice/v1/sinchevents/IncomingCallEventDto.json",
        "the 2021 spec has no callback event (ICE/ACE/DiCE/PIE/notify) schema",
    ),
    (
        "voice/v1/sinchevents/NotificationEventDto.json",
        "the 2021 spec has no callback event (ICE/ACE/DiCE/PIE/notify) schema",
    ),
    (
        "voice/v1/sinchevents/PromptInputEventDto.json",
        "the 2021 spec has no callback event (ICE/ACE/DiCE/PIE/notify) schema",
    ),
    (
        "voice/v1/svaml/action/AnsweringMachineDetectionQueryDto.json",
        "AMD options: the 2021 spec leaves SVAML actions untyped",
    ),
    (
        "voice/v1/svaml/action/ConnectStreamStreamingOptionsDto.json",
        "streaming options: the 2021 spec leaves SVAML actions untyped",
    ),
];

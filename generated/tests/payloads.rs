//! JSON payloads that Sinch wrote for its Java SDK's tests decode into the generated types.
//!
//! The payloads (`sms`, `numbers`, `numberlookup`, `voice`, `verification` and `conversation`
//! folders) are read at run time from SINCH_PAYLOADS, else `$SINCH_SPECS_MIRROR/../payloads`,
//! else `../shared/payloads` beside the repository. They describe the APIs as of 2026; the
//! descriptions are Sinch's 2025-26 ones, except SMS (still 2021). Not everything decodes:
//! the test prints why each file fails or has no type, and guards the number that decodes
//! today against regressions.
//!
//! Every payload file is listed exactly once: in a domain table, with the type that holds
//! it by meaning (request body, response, callback or nested object), or in `NO_TYPE` when
//! the description lacks the concept. A type is never chosen because it happens to decode.
//! `client/auth` (the OAuth token response) is left out: no generated type holds it.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[cfg(feature = "conversation")]
use sinch_sdk::conversation::types as c;
#[cfg(feature = "number_lookup")]
use sinch_sdk::number_lookup::types as l;
#[cfg(feature = "numbers")]
use sinch_sdk::numbers::types as n;
#[cfg(feature = "sms")]
use sinch_sdk::sms::types as s;
#[cfg(feature = "templates")]
use sinch_sdk::templates::types as t;
#[cfg(feature = "templates_v2")]
use sinch_sdk::templates_v2::types as t2;
#[cfg(feature = "verification")]
use sinch_sdk::verification::types as e;
#[cfg(feature = "voice")]
use sinch_sdk::voice::types as v;

/// A payload file (relative to the payload folder) and the check that decodes it.
type Entry = (&'static str, fn(&Value) -> Result<(), String>);

/// How many payloads decode today, with every API enabled. Raise it when more decode.
const MIN_DECODED: usize = 413;

/// The share of the original table (`ORIGINAL_DOMAINS`) that must type and decode, in percent.
const GOAL_PERCENT: usize = 97;

/// The folders of the payload directory this test covers.
const DOMAINS: &[&str] = &[
    "sms",
    "numbers",
    "numberlookup",
    "voice",
    "verification",
    "conversation",
];

/// The domains of the original payload table (the 97% goal is measured over them).
const ORIGINAL_DOMAINS: &[&str] = &["sms", "numbers", "voice", "verification", "conversation"];

/// Whether every table is compiled in (the coverage and floor checks need all of them).
const ALL_FEATURES: bool = cfg!(all(
    feature = "sms",
    feature = "numbers",
    feature = "number_lookup",
    feature = "voice",
    feature = "verification",
    feature = "conversation",
    feature = "templates",
    feature = "templates_v2"
));

#[cfg_attr(
    not(any(
        feature = "sms",
        feature = "numbers",
        feature = "number_lookup",
        feature = "voice",
        feature = "verification",
        feature = "conversation",
        feature = "templates",
        feature = "templates_v2"
    )),
    allow(dead_code)
)]
fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(value.clone())
        .map(drop)
        .map_err(|e| e.to_string())
}

/// An SMS error body, as every SMS operation's error reads it (`Error::sinch_error`).
#[cfg(feature = "sms")]
fn sms_error(value: &Value) -> Result<(), String> {
    match sinch_sdk::runtime::SinchError::parse(value.to_string().as_bytes()) {
        Some(sinch_sdk::runtime::SinchError::Sms { code, text }) if !code.is_empty() && !text.is_empty() => Ok(()),
        other => Err(format!("not read as an SMS error: {other:?}")),
    }
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
    #[cfg(feature = "number_lookup")]
    entries.extend_from_slice(NUMBER_LOOKUP);
    #[cfg(feature = "voice")]
    entries.extend_from_slice(VOICE);
    #[cfg(feature = "verification")]
    entries.extend_from_slice(VERIFICATION);
    #[cfg(feature = "conversation")]
    entries.extend_from_slice(CONVERSATION);
    #[cfg(feature = "templates")]
    entries.extend_from_slice(TEMPLATES);
    #[cfg(feature = "templates_v2")]
    entries.extend_from_slice(TEMPLATES_V2);
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

/// Per domain: payloads with a type, payloads that decode, payloads without a type.
#[derive(Default)]
struct Count {
    typed: usize,
    decoded: usize,
    untyped: usize,
}

#[test]
fn java_sdk_payloads_decode() {
    let dir = payload_dir();
    let entries = table();
    let mut counts: BTreeMap<&str, Count> = BTreeMap::new();
    let mut failures = Vec::new();
    for (rel, check) in &entries {
        let value = read(&dir, rel);
        let count = counts.entry(domain(rel)).or_default();
        count.typed += 1;
        match check(&value) {
            Ok(()) => count.decoded += 1,
            Err(e) => failures.push((*rel, e)),
        }
    }
    for (rel, _) in NO_TYPE {
        counts.entry(domain(rel)).or_default().untyped += 1;
    }
    for (rel, error) in &failures {
        println!("FAIL {rel}: {error}");
    }
    for (rel, reason) in NO_TYPE {
        println!("NO TYPE {rel}: {reason}");
    }
    let (mut typed, mut decoded, mut total) = (0, 0, 0);
    let (mut original_decoded, mut original_total) = (0, 0);
    for (name, count) in &counts {
        let files = count.typed + count.untyped;
        println!(
            "payloads/{name}: {} of {files} typed, {} decode",
            count.typed, count.decoded
        );
        typed += count.typed;
        decoded += count.decoded;
        total += files;
        if ORIGINAL_DOMAINS.contains(name) {
            original_decoded += count.decoded;
            original_total += files;
        }
    }
    println!("payloads: {typed} of {total} typed, {decoded} decode");
    if original_total > 0 {
        println!(
            "payloads of {}: {original_decoded} of {original_total} typed and decode ({:.1}%)",
            ORIGINAL_DOMAINS.join(", "),
            100.0 * original_decoded as f64 / original_total as f64
        );
    }
    if ALL_FEATURES {
        assert!(
            decoded >= MIN_DECODED,
            "only {decoded} payloads decode, fewer than MIN_DECODED = {MIN_DECODED}"
        );
        assert!(
            original_decoded * 100 >= GOAL_PERCENT * original_total,
            "{original_decoded} of {original_total} original payloads decode, under {GOAL_PERCENT}%"
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
    ("sms/v1/batches/MediaBodyDto.json", decode::<s::MediaBody>),
    (
        "sms/v1/batches/request/SendDeliveryFeedbackRequestDto.json",
        decode::<s::DeliveryFeedbackRequest>,
    ),
    (
        "sms/v1/deliveryreports/response/ListDeliveryReportResponseDtoPage0.json",
        decode::<s::DeliveryReportList>,
    ),
    (
        "sms/v1/deliveryreports/response/ListDeliveryReportResponseDtoPage1.json",
        decode::<s::DeliveryReportList>,
    ),
    (
        "sms/v1/deliveryreports/response/ListDeliveryReportResponseDtoPage2.json",
        decode::<s::DeliveryReportList>,
    ),
    // SMS errors have no schema in sms.yaml: every operation's error reads them as the
    // runtime's `SinchError::Sms`
    ("sms/v1/error-response.json", sms_error),
    // `auto_update.to` is a number here; sms.yaml types it as a string, the manifest reads
    // numbers there as text (`numbers_as_text`)
    ("sms/v1/CreateGroupRequestDto.json", decode::<s::GroupObject>),
    // mt_media (MMS): typed by the manifest's fixes
    ("sms/v1/MediaRequestDto.json", decode::<s::SendBatchObject>),
    ("sms/v1/ReplaceGroupRequestDto.json", decode::<s::ReplaceGroupRequest>),
    ("sms/v1/UpdateSMSBinaryRequestDto.json", decode::<s::UpdateBatchReq>),
    // mt_media (MMS): typed by the manifest's fixes
    ("sms/v1/UpdateSMSMediaRequestDto.json", decode::<s::UpdateBatchReq>),
    ("sms/v1/UpdateSMSTextRequestDto.json", decode::<s::UpdateBatchReq>),
    (
        "sms/v1/batches/request/BinaryRequestDto.json",
        decode::<s::SendBatchObject>,
    ),
    // mt_media (MMS): typed by the manifest's fixes
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
    // mt_media (MMS): typed by the manifest's fixes
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
    // mt_media (MMS): typed by the manifest's fixes
    (
        "sms/v1/batches/response/ListBatchesResponseDtoPage1.json",
        decode::<s::ListBatchesResponse>,
    ),
    (
        "sms/v1/batches/response/ListBatchesResponseDtoPage2.json",
        decode::<s::ListBatchesResponse>,
    ),
    // mt_media (MMS): typed by the manifest's fixes
    (
        "sms/v1/batches/response/MediaResponseDto.json",
        decode::<s::SendBatchCreated>,
    ),
    (
        "sms/v1/batches/response/TextResponseDto.json",
        decode::<s::SendBatchCreated>,
    ),
    // `total_message_count` is a number; sms.yaml types it as a string
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
    // `auto_update.to` is a number here, read as text (see CreateGroupRequestDto.json)
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
    // mo_media (MMS): typed by the manifest's fixes
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
    // `servicePlanId: null` takes the number off SMS (nullable by the manifest's fixes)
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
    (
        "numbers/v1/active/active-numbers-get.json",
        decode::<n::ActiveNumberResponse>,
    ),
    (
        "numbers/v1/active/active-numbers-list-light.json",
        decode::<n::ListActiveNumbersResponse>,
    ),
    (
        "numbers/v1/active/active-numbers-list.json",
        decode::<n::ListActiveNumbersResponse>,
    ),
    (
        "numbers/v1/active/active-numbers-update-request.json",
        decode::<n::ActiveNumberRequest>,
    ),
    (
        "numbers/v1/available/available-numbers-get.json",
        decode::<n::AvailableNumber>,
    ),
    (
        "numbers/v1/available/available-numbers-list.json",
        decode::<n::ListAvailableNumbersResponse>,
    ),
    ("numbers/v1/emergency-address.json", decode::<n::EmergencyAddress>),
    ("numbers/v1/errors/not-found-error.json", decode::<n::NotFound>),
    // the 403 of a trial account (its schema is the manifest's `PermissionDeniedError`)
    (
        "numbers/v1/errors/error-trial-account.json",
        decode::<n::PermissionDeniedError>,
    ),
    // RentNumber returns the active number
    (
        "numbers/v1/errors/rent-response.json",
        decode::<n::ActiveNumberResponse>,
    ),
    (
        "numbers/v1/eventdestinations/event-destination-response.json",
        decode::<n::CallbackConfiguration>,
    ),
    (
        "numbers/v1/eventdestinations/event-destination-update-request.json",
        decode::<n::CallbackConfigurationUpdate>,
    ),
    (
        "numbers/v1/regions/available-regions-list.json",
        decode::<n::ListAvailableRegionsResponse>,
    ),
    (
        "numbers/v1/request/emergency-address-request.json",
        decode::<n::EmergencyAddressRequest>,
    ),
    (
        "numbers/v1/response/validate-address-response-no-match.json",
        decode::<n::ValidateAddressResponse>,
    ),
    (
        "numbers/v1/response/validate-address-response.json",
        decode::<n::ValidateAddressResponse>,
    ),
    (
        "numbers/v1/sinchevents/number-sinch-event.json",
        decode::<n::CallbackPayload>,
    ),
];

#[cfg(feature = "number_lookup")]
const NUMBER_LOOKUP: &[Entry] = &[
    // the per-feature `error` of a lookup response
    ("numberlookup/v2/errors/LookupErrorDto.json", decode::<l::ErrorResponse>),
    (
        "numberlookup/v2/errors/LookupErrorEmptyDto.json",
        decode::<l::ErrorResponse>,
    ),
    (
        "numberlookup/v2/errors/ProblemDetailsDto.json",
        decode::<l::ProblemDetails>,
    ),
    (
        "numberlookup/v2/request/NumberLookupRequestAllFeaturesDto.json",
        decode::<l::NumberLookupRequest>,
    ),
    (
        "numberlookup/v2/request/NumberLookupRequestMinimalDto.json",
        decode::<l::NumberLookupRequest>,
    ),
    (
        "numberlookup/v2/request/NumberLookupRequestWithFeaturesDto.json",
        decode::<l::NumberLookupRequest>,
    ),
    (
        "numberlookup/v2/request/NumberLookupRequestWithRndOptionsDto.json",
        decode::<l::NumberLookupRequest>,
    ),
    (
        "numberlookup/v2/request/RndFeatureOptionsDto.json",
        decode::<l::RndFeatureOptions>,
    ),
    (
        "numberlookup/v2/response/LineResponseDto.json",
        decode::<l::LineResponse>,
    ),
    (
        "numberlookup/v2/response/LineResponseEmptyDto.json",
        decode::<l::LineResponse>,
    ),
    (
        "numberlookup/v2/response/NumberLookupResponseFullDto.json",
        decode::<l::NumberLookupResponse>,
    ),
    (
        "numberlookup/v2/response/NumberLookupResponseMinimalDto.json",
        decode::<l::NumberLookupResponse>,
    ),
    ("numberlookup/v2/response/RndResponseDto.json", decode::<l::RndResponse>),
    (
        "numberlookup/v2/response/RndResponseEmptyDto.json",
        decode::<l::RndResponse>,
    ),
    (
        "numberlookup/v2/response/SimSwapResponseDto.json",
        decode::<l::SimSwapResponse>,
    ),
    (
        "numberlookup/v2/response/SimSwapResponseWithErrorDto.json",
        decode::<l::SimSwapResponse>,
    ),
    (
        "numberlookup/v2/response/VoIPDetectionResponseDto.json",
        decode::<l::VoIpDetectionResponse>,
    ),
    (
        "numberlookup/v2/response/VoIPDetectionResponseEmptyDto.json",
        decode::<l::VoIpDetectionResponse>,
    ),
];

#[cfg(feature = "voice")]
const VOICE: &[Entry] = &[
    ("voice/v1/PriceDto.json", decode::<v::Price>),
    (
        "voice/v1/applications/request/UnAssignNumberRequestDto.json",
        decode::<v::UnassignNumbers>,
    ),
    (
        "voice/v1/applications/request/UpdateEventDestinationsRequestDto.json",
        decode::<v::Callbacks>,
    ),
    (
        "voice/v1/applications/request/UpdateNumbersRequestDto.json",
        decode::<v::UpdateNumbers>,
    ),
    (
        "voice/v1/applications/response/GetEventDestinationsResponseDto.json",
        decode::<v::Callbacks>,
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
    // the body of Calling_UpdateCall
    (
        "voice/v1/calls/request/CallUpdateRequestDto.json",
        decode::<v::PatchsvamlRequestBody>,
    ),
    (
        "voice/v1/conferences/ConferenceParticipantDto.json",
        decode::<v::GetConferenceInfoResponseParticipantsItem>,
    ),
    (
        "voice/v1/conferences/request/ConferenceManageParticipantRequestDto.json",
        decode::<v::ManageConferenceParticipantRequest>,
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
    // the connectStream destination, not one of `destination`'s variants
    (
        "voice/v1/destination/DestinationWebSocketDto.json",
        decode::<v::DestinationWebSocket>,
    ),
    (
        "voice/v1/sinchevents/AnsweredCallEventDto.json",
        decode::<v::AceRequest>,
    ),
    (
        "voice/v1/sinchevents/DisconnectedCallEventDto.json",
        decode::<v::DiceRequest>,
    ),
    (
        "voice/v1/sinchevents/IncomingCallEventDto.json",
        decode::<v::IceRequest>,
    ),
    (
        "voice/v1/sinchevents/NotificationEventDto.json",
        decode::<v::NotifyRequest>,
    ),
    ("voice/v1/sinchevents/PromptInputEventDto.json", decode::<v::PieRequest>),
    ("voice/v1/svaml/SvamlControlDto.json", decode::<v::SvamlRequestBody>),
    (
        "voice/v1/svaml/action/AnsweringMachineDetectionQueryDto.json",
        decode::<v::AmdRequest>,
    ),
    (
        "voice/v1/svaml/action/ConnectStreamStreamingOptionsDto.json",
        decode::<v::SvamlActionConnectStreamStreamingOptions>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectConferenceDto.json",
        decode::<v::SvamlActionConnectConf>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectMxpDto.json",
        decode::<v::SvamlActionConnectMxp>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectPstnDto.json",
        decode::<v::SvamlActionConnectPstn>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectSipDto.json",
        decode::<v::SvamlActionConnectSip>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionConnectStreamDto.json",
        decode::<v::SvamlActionConnectStream>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionContinueDto.json",
        decode::<v::SvamlActionContinue>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionHangupDto.json",
        decode::<v::SvamlActionHangup>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionParkDto.json",
        decode::<v::SvamlActionPark>,
    ),
    (
        "voice/v1/svaml/action/SvamlActionRunMenuDto.json",
        decode::<v::SvamlActionRunMenu>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionAnswerDto.json",
        decode::<v::SvamlInstructionAnswer>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionPlayFilesDto.json",
        decode::<v::SvamlInstructionPlayFiles>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionSayDto.json",
        decode::<v::SvamlInstructionSay>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionSendDtmfDto.json",
        decode::<v::SvamlInstructionSendDtmf>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionSetCookieDto.json",
        decode::<v::SvamlInstructionSetCookie>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionStartRecordingDto.json",
        decode::<v::SvamlInstructionStartRecording>,
    ),
    (
        "voice/v1/svaml/instruction/SvamlInstructionStopRecordingDto.json",
        decode::<v::SvamlInstructionStopRecording>,
    ),
];

#[cfg(feature = "verification")]
const VERIFICATION: &[Entry] = &[
    // `errorCode` is a number; verification.yaml types it as a string
    ("verification/v1/error-response.json", decode::<e::Error>),
    (
        "verification/v1/report/VerificationReportRequestFlashCallDto.json",
        decode::<e::VerificationReportRequest>,
    ),
    (
        "verification/v1/report/VerificationReportRequestPhoneCallDto.json",
        decode::<e::VerificationReportRequest>,
    ),
    (
        "verification/v1/report/VerificationReportRequestSmsDto.json",
        decode::<e::VerificationReportRequest>,
    ),
    (
        "verification/v1/report/VerificationReportRequestWhatsAppDto.json",
        decode::<e::VerificationReportRequest>,
    ),
    (
        "verification/v1/report/VerificationReportResponseFlashCallDto.json",
        decode::<e::VerificationReportResponse>,
    ),
    (
        "verification/v1/report/VerificationReportResponsePhoneCallDto.json",
        decode::<e::VerificationReportResponse>,
    ),
    (
        "verification/v1/report/VerificationReportResponseSmsDto.json",
        decode::<e::VerificationReportResponse>,
    ),
    (
        "verification/v1/report/VerificationReportResponseWhatsAppDto.json",
        decode::<e::VerificationReportResponse>,
    ),
    (
        "verification/v1/sinchevents/VerificationResultEventDto.json",
        decode::<e::VerificationResultEvent>,
    ),
    (
        "verification/v1/sinchevents/VerificationSmsDeliveryEventEventDto.json",
        decode::<e::VerificationSmsDeliveredEvent>,
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
    // the `_links` array of a start response
    ("verification/v1/start/LinkDto.json", decode::<Vec<e::Links>>),
    (
        "verification/v1/start/request/VerificationStartRequestDataDto.json",
        decode::<e::VerificationStartRequest>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestFlashCallDto.json",
        decode::<e::VerificationStartRequest>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestPhoneCallDto.json",
        decode::<e::VerificationStartRequest>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestSmsDto.json",
        decode::<e::VerificationStartRequest>,
    ),
    (
        "verification/v1/start/request/VerificationStartRequestWhatsAppDto.json",
        decode::<e::VerificationStartRequest>,
    ),
    // the `smsOptions` of an SMS start request
    (
        "verification/v1/start/request/internal/VerificationStartSmsOptionsDto.json",
        decode::<e::VerificationStartRequestSmsSmsOptions>,
    ),
    (
        "verification/v1/start/request/internal/VerificationStartSmsOptionsWithAdditionalPropertiesDto.json",
        decode::<e::VerificationStartRequestSmsSmsOptions>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponseDataDto.json",
        decode::<e::VerificationStartResponse>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponseFlashCallDto.json",
        decode::<e::VerificationStartResponse>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponsePhoneCallDto.json",
        decode::<e::VerificationStartResponse>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponseSmsDto.json",
        decode::<e::VerificationStartResponse>,
    ),
    (
        "verification/v1/start/response/VerificationStartResponseWhatsAppDto.json",
        decode::<e::VerificationStartResponse>,
    ),
    (
        "verification/v1/status/VerificationStatusResponseFlashCallDto.json",
        decode::<e::VerificationStatusResponse>,
    ),
    (
        "verification/v1/status/VerificationStatusResponsePhoneCallDto.json",
        decode::<e::VerificationStatusResponse>,
    ),
    (
        "verification/v1/status/VerificationStatusResponseSmsDto.json",
        decode::<e::VerificationStatusResponse>,
    ),
    (
        "verification/v1/status/VerificationStatusResponseWhatsAppDto.json",
        decode::<e::VerificationStatusResponse>,
    ),
];

#[cfg(feature = "conversation")]
const CONVERSATION: &[Entry] = &[
    ("conversation/v1/AgentDto.json", decode::<c::Agent>),
    ("conversation/v1/ChannelIdentityDto.json", decode::<c::ChannelIdentity>),
    ("conversation/v1/ReasonDto.json", decode::<c::Reason>),
    ("conversation/v1/ReasonWithChannelCodeDto.json", decode::<c::Reason>),
    (
        "conversation/v1/RecipientChannelRecipientIdentitiesDto.json",
        decode::<c::Recipient>,
    ),
    ("conversation/v1/RecipientContactIdDto.json", decode::<c::Recipient>),
    (
        "conversation/v1/TemplateReferenceFieldWithVersionDto.json",
        decode::<c::TemplateReferenceField>,
    ),
    // no `version`: TemplateReferenceField.template_reference is TemplateReferenceWithVersion (version required)
    (
        "conversation/v1/TemplateReferenceFieldWithoutVersionDto.json",
        decode::<c::TemplateReferenceField>,
    ),
    (
        "conversation/v1/TemplateReferenceWithVersionDto.json",
        decode::<c::TemplateReference>,
    ),
    (
        "conversation/v1/TemplateReferenceWithoutVersionDto.json",
        decode::<c::TemplateReference>,
    ),
    (
        "conversation/v1/apps/AppCreateRequestDto.json",
        decode::<c::AppCreateRequest>,
    ),
    (
        "conversation/v1/apps/AppListResponseDto.json",
        decode::<c::ListAppsResponse>,
    ),
    ("conversation/v1/apps/AppResponseDto.json", decode::<c::AppResponse>),
    (
        "conversation/v1/apps/AppUpdateRequestDto.json",
        decode::<c::AppUpdateRequest>,
    ),
    (
        "conversation/v1/capability/request/QueryCapabilityRequestDto.json",
        decode::<c::QueryCapability>,
    ),
    (
        "conversation/v1/capability/response/QueryCapabilityResponseDto.json",
        decode::<c::QueryCapabilityResponse>,
    ),
    (
        "conversation/v1/consents/AuditRecordsResponseDto.json",
        decode::<c::GetAuditRecordsFromConsentResponse>,
    ),
    (
        "conversation/v1/consents/ConsentsListResponseDtoPage0.json",
        decode::<c::GetIdentitiesFromConsentResponse>,
    ),
    (
        "conversation/v1/consents/ConsentsListResponseDtoPage1.json",
        decode::<c::GetIdentitiesFromConsentResponse>,
    ),
    (
        "conversation/v1/contacts/ContactCreateRequestDto.json",
        decode::<c::ContactCreateRequest>,
    ),
    ("conversation/v1/contacts/ContactDto.json", decode::<c::Contact>),
    (
        "conversation/v1/contacts/ContactGetChannelProfileByChannelRequestDto.json",
        decode::<c::GetChannelProfileRequest>,
    ),
    (
        "conversation/v1/contacts/ContactGetChannelProfileByContactRequestDto.json",
        decode::<c::GetChannelProfileRequest>,
    ),
    (
        "conversation/v1/contacts/ContactGetChannelResponseDto.json",
        decode::<c::GetChannelProfileResponse>,
    ),
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
    // the body of Contact_UpdateContact
    (
        "conversation/v1/contacts/ContactUpdateRequestDto.json",
        decode::<c::Contact>,
    ),
    (
        "conversation/v1/contacts/IdentityConflictsDto.json",
        decode::<c::ContactListIdentityConflictsResponseConflictsItem>,
    ),
    (
        "conversation/v1/contacts/ListIdentityConflictsResponseDtoPage0.json",
        decode::<c::ContactListIdentityConflictsResponse>,
    ),
    (
        "conversation/v1/contacts/ListIdentityConflictsResponseDtoPage1.json",
        decode::<c::ContactListIdentityConflictsResponse>,
    ),
    // the body of Conversation_UpdateConversation
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
        decode::<c::CreateConversationRequest>,
    ),
    (
        "conversation/v1/conversations/request/InjectAppMessageRequestDto.json",
        decode::<c::InjectMessageRequest>,
    ),
    (
        "conversation/v1/conversations/request/InjectContactMessageRequestDto.json",
        decode::<c::InjectMessageRequest>,
    ),
    // the body of Events_InjectEvent
    (
        "conversation/v1/conversations/request/InjectEventRequestDto.json",
        decode::<c::InjectConversationEventRequest>,
    ),
    (
        "conversation/v1/conversations/response/ConversationRecentMessageDto.json",
        decode::<c::ConversationRecentMessage>,
    ),
    (
        "conversation/v1/conversations/response/ConversationsListRecentResponse-page-0.json",
        decode::<c::ListRecentConversationsResponse>,
    ),
    (
        "conversation/v1/conversations/response/ConversationsListRecentResponse-page-1.json",
        decode::<c::ListRecentConversationsResponse>,
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
    (
        "conversation/v1/credentials/ConversationChannelAppleBusinessChatRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelAppleBusinessChatResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelInstagramRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelInstagramResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelKakaoTalkChatRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelKakaoTalkChatResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelKakaoTalkRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelKakaoTalkResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineEnterpriseJapanRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineEnterpriseJapanResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineEnterpriseThailandRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineEnterpriseThailandResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelLineResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelMMSRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelMMSResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelMessengerRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelMessengerResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelRCSRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelRCSResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelSMSRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelSMSResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelTelegramRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelTelegramResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelViberBmRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelViberBmResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelWeChatRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelWeChatResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelWhatsAppRequestDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/credentials/ConversationChannelWhatsAppResponseDto.json",
        decode::<c::ConversationChannelCredentials>,
    ),
    (
        "conversation/v1/eventdestinations/ClientCredentialsDto.json",
        decode::<c::ClientCredentials>,
    ),
    // the body of Webhooks_CreateWebhook
    (
        "conversation/v1/eventdestinations/request/EventDestinationRequestDto.json",
        decode::<c::WebhooksCreateWebhookRequest>,
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
        "conversation/v1/events/ConversationEventGenericEventDto.json",
        decode::<c::ConversationEvent>,
    ),
    (
        "conversation/v1/events/request/SendEventRequestDto.json",
        decode::<c::SendEventRequest>,
    ),
    (
        "conversation/v1/events/response/EventsListResponse-page-0.json",
        decode::<c::ListEventsResponse>,
    ),
    (
        "conversation/v1/events/response/EventsListResponse-page-1.json",
        decode::<c::ListEventsResponse>,
    ),
    (
        "conversation/v1/events/response/SendEventResponseDto.json",
        decode::<c::SendEventResponse>,
    ),
    // an app event (the `app_event` union)
    (
        "conversation/v1/events/types/AgentJoinedEventDto.json",
        decode::<c::AppEventFieldAppEvent>,
    ),
    (
        "conversation/v1/events/types/AgentLeftEventDto.json",
        decode::<c::AppEventFieldAppEvent>,
    ),
    // a contact event (only in the `contact_event` union)
    (
        "conversation/v1/events/types/CommentEventDto.json",
        decode::<c::ContactEvent>,
    ),
    // an app event (the `app_event` union)
    (
        "conversation/v1/events/types/CommentReplyEventDto.json",
        decode::<c::AppEventFieldAppEvent>,
    ),
    (
        "conversation/v1/events/types/ComposingEndEventDto.json",
        decode::<c::AppEventFieldAppEvent>,
    ),
    (
        "conversation/v1/events/types/ComposingEventDto.json",
        decode::<c::AppEventFieldAppEvent>,
    ),
    // a contact event (only in the `contact_event` union)
    (
        "conversation/v1/events/types/ConversationDeletedEventDto.json",
        decode::<c::ContactEvent>,
    ),
    // an app event (the `app_event` union)
    (
        "conversation/v1/events/types/GenericEventDto.json",
        decode::<c::AppEventFieldAppEvent>,
    ),
    // a contact message event
    (
        "conversation/v1/events/types/PaymentStatusUpdateEventDto.json",
        decode::<c::ContactMessageEvent>,
    ),
    (
        "conversation/v1/events/types/ReactionEventDto.json",
        decode::<c::ContactMessageEvent>,
    ),
    (
        "conversation/v1/events/types/ShortLinkActivatedEventDto.json",
        decode::<c::ContactMessageEvent>,
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
    ("conversation/v1/messages/ChoiceItemDto.json", decode::<c::ChoiceItem>),
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
    (
        "conversation/v1/messages/OmniMessageOverrideCardDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideCarouselDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideChoiceDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideContactInfoDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideListDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideLocationDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideMediaDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideTemplateReferenceDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    (
        "conversation/v1/messages/OmniMessageOverrideTextDto.json",
        decode::<c::OmniMessageOverride>,
    ),
    ("conversation/v1/messages/ProductItemDto.json", decode::<c::ProductItem>),
    ("conversation/v1/messages/ReplyToDto.json", decode::<c::ReplyToField>),
    (
        "conversation/v1/messages/request/ListLastMessagesByChannelIdentityRequestDto.json",
        decode::<c::ListMessagesByChannelIdentityRequest>,
    ),
    (
        "conversation/v1/messages/request/MessageUpdateRequestDto.json",
        decode::<c::UpdateMessageMetadataRequest>,
    ),
    // `conversation_metadata` is a string here; the description types it as an object ("only accepts json objects")
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
    (
        "conversation/v1/messages/types/calendar/CalendarMessageDto.json",
        decode::<c::CalendarMessageField>,
    ),
    (
        "conversation/v1/messages/types/call/CallMessageDto.json",
        decode::<c::CallMessageField>,
    ),
    (
        "conversation/v1/messages/types/card/CardMessageDto.json",
        decode::<c::CardMessageField>,
    ),
    (
        "conversation/v1/messages/types/card/CardMessageWithMessagePropertiesWhatsAppHeaderDto.json",
        decode::<c::CardMessageField>,
    ),
    (
        "conversation/v1/messages/types/card/MessagePropertiesDto.json",
        decode::<c::CardMessageMessageProperties>,
    ),
    (
        "conversation/v1/messages/types/carousel/CarouselMessageDto.json",
        decode::<c::CarouselMessageField>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageFlowsDto.json",
        decode::<c::ChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageKakaoTalkCarouselCommerceDto.json",
        decode::<c::ChannelSpecificMessage>,
    ),
    // `message.commerce` lacks the `type` the description requires (and `coupon.discount_rate` is a string)
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageKakaoTalkCommerceDto.json",
        decode::<c::ChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageOrderDetailsDto.json",
        decode::<c::ChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/ChannelSpecificMessageOrderStatusDto.json",
        decode::<c::ChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/buttons/AppLinkButtonDto.json",
        decode::<c::KakaoTalkAppLinkButton>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/buttons/BotKeywordButtonDto.json",
        decode::<c::KakaoTalkBotKeywordButton>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/buttons/WebLinkButtonDto.json",
        decode::<c::KakaoTalkWebLinkButton>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/carousel/CarouselDto.json",
        decode::<c::KakaoTalkCarouselCommerceChannelSpecificMessageCarousel>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/carousel/CarouselHeadDto.json",
        decode::<c::KakaoTalkCarouselCommerceChannelSpecificMessageCarouselHead>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/carousel/CarouselTailDto.json",
        decode::<c::KakaoTalkCarouselCommerceChannelSpecificMessageCarouselTail>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/carousel/KakaoTalkCarouselCommerceChannelSpecificMessageDto.json",
        decode::<c::KakaoTalkCarouselCommerceChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/DiscountFixedCommerceDto.json",
        decode::<c::KakaoTalkDiscountFixedCommerce>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/DiscountRateCommerceDto.json",
        decode::<c::KakaoTalkDiscountRateCommerce>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/KakaoTalkCommerceChannelSpecificMessageDto.json",
        decode::<c::KakaoTalkCommerceChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/KakaoTalkCommerceMessageDto.json",
        decode::<c::KakaoTalkCommerceMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/commerce/RegularPriceCommerceDto.json",
        decode::<c::KakaoTalkRegularPriceCommerce>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/DiscountFixedCouponDto.json",
        decode::<c::KakaoTalkFixedDiscountCoupon>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/DiscountRateCouponDto.json",
        decode::<c::KakaoTalkDiscountRateCoupon>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/DiscountShippingCouponDto.json",
        decode::<c::KakaoTalkShippingDiscountCoupon>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/FreeCouponDto.json",
        decode::<c::KakaoTalkFreeCoupon>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/coupons/UpCouponDto.json",
        decode::<c::KakaoTalkUpCoupon>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/kakaotalk/image/ImageDto.json",
        decode::<c::KakaoTalkCommerceMessageImage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/line/LineNotificationMessageTemplateChannelSpecificMessageDto.json",
        decode::<c::LineNotificationMessageTemplateChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/FlowChannelSpecificMessageHeaderDocumentDto.json",
        decode::<c::FlowChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/FlowChannelSpecificMessageHeaderImageDto.json",
        decode::<c::FlowChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/FlowChannelSpecificMessageHeaderTextDto.json",
        decode::<c::FlowChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/FlowChannelSpecificMessageHeaderVideoDto.json",
        decode::<c::FlowChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/WhatsAppInteractiveHeaderDocumentDto.json",
        decode::<c::WhatsAppInteractiveDocumentHeader>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/WhatsAppInteractiveHeaderImageDto.json",
        decode::<c::WhatsAppInteractiveImageHeader>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/WhatsAppInteractiveHeaderTextDto.json",
        decode::<c::WhatsAppInteractiveTextHeader>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/flows/WhatsAppInteractiveHeaderVideoDto.json",
        decode::<c::WhatsAppInteractiveVideoHeader>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/nfmreply/ChannelSpecificContactMessageNfmReply.json",
        decode::<c::ChannelSpecificContactMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderDetailsDto.json",
        decode::<c::PaymentOrderDetailsChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderDetailsPaymentButtonBoletoDto.json",
        decode::<c::WhatsAppPaymentSettingsButtonBoleto>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderDetailsPaymentButtonDynamicPixDto.json",
        decode::<c::WhatsAppPaymentSettingsButtonPix>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderDetailsPaymentButtonLinkDto.json",
        decode::<c::WhatsAppPaymentSettingsButtonPaymentLink>,
    ),
    (
        "conversation/v1/messages/types/channelspecific/whatsapp/payment/OrderStatusDto.json",
        decode::<c::PaymentOrderStatusChannelSpecificMessage>,
    ),
    (
        "conversation/v1/messages/types/choice/ChoiceMessageDto.json",
        decode::<c::ChoiceMessageField>,
    ),
    (
        "conversation/v1/messages/types/choice/ChoiceMessageWithWhatsappFooterDto.json",
        decode::<c::ChoiceMessageField>,
    ),
    (
        "conversation/v1/messages/types/choiceresponse/ChoiceResponseMessageDto.json",
        decode::<c::ChoiceResponseMessageField>,
    ),
    (
        "conversation/v1/messages/types/contactinfo/AddressInfoDto.json",
        decode::<c::AddressInfo>,
    ),
    (
        "conversation/v1/messages/types/contactinfo/ContactInfoMessageDto.json",
        decode::<c::ContactInfoMessageField>,
    ),
    (
        "conversation/v1/messages/types/contactinfo/EmailInfoDto.json",
        decode::<c::EmailInfo>,
    ),
    (
        "conversation/v1/messages/types/contactinfo/NameInfoDto.json",
        decode::<c::NameInfo>,
    ),
    (
        "conversation/v1/messages/types/contactinfo/OrganizationInfoDto.json",
        decode::<c::OrganizationInfo>,
    ),
    (
        "conversation/v1/messages/types/contactinfo/PhoneNumberInfoDto.json",
        decode::<c::PhoneNumberInfo>,
    ),
    (
        "conversation/v1/messages/types/contactinfo/URLInfoDto.json",
        decode::<c::UrlInfo>,
    ),
    (
        "conversation/v1/messages/types/fallback/FallbackMessageDto.json",
        decode::<c::FallbackMessageField>,
    ),
    (
        "conversation/v1/messages/types/list/ListMessageChoiceDto.json",
        decode::<c::ListMessageField>,
    ),
    (
        "conversation/v1/messages/types/list/ListMessageChoiceWithWhatsappHeaderDto.json",
        decode::<c::ListMessageField>,
    ),
    (
        "conversation/v1/messages/types/list/ListMessageProductDto.json",
        decode::<c::ListMessageField>,
    ),
    (
        "conversation/v1/messages/types/location/CoordinatesDto.json",
        decode::<c::Coordinates>,
    ),
    (
        "conversation/v1/messages/types/location/LocationMessageDto.json",
        decode::<c::LocationMessageField>,
    ),
    (
        "conversation/v1/messages/types/media/MediaMessageDto.json",
        decode::<c::MediaMessageField>,
    ),
    (
        "conversation/v1/messages/types/mediacard/MediaCardMessageDto.json",
        decode::<c::MediaCardMessageField>,
    ),
    (
        "conversation/v1/messages/types/productresponse/ProductResponseMessageDto.json",
        decode::<c::ProductResponseMessage>,
    ),
    (
        "conversation/v1/messages/types/sharelocation/ShareLocationMessageDto.json",
        decode::<c::ShareLocationMessageField>,
    ),
    (
        "conversation/v1/messages/types/template/TemplateMessageDto.json",
        decode::<c::TemplateMessageField>,
    ),
    (
        "conversation/v1/messages/types/text/TextMessageDto.json",
        decode::<c::TextMessageField>,
    ),
    (
        "conversation/v1/messages/types/url/UrlMessageDto.json",
        decode::<c::UrlMessageField>,
    ),
    (
        "conversation/v1/projectsettings/ContactSettingsDto.json",
        decode::<c::ContactSettings>,
    ),
    // the `settings` of ProjectSettings
    (
        "conversation/v1/projectsettings/ProjectSettingsDto.json",
        decode::<c::ProjectSettingsSettings>,
    ),
    (
        "conversation/v1/projectsettings/request/ProjectSettingsRequestDto.json",
        decode::<c::ProjectSettingsRequest>,
    ),
    (
        "conversation/v1/projectsettings/response/ProjectSettingsResponseDto.json",
        decode::<c::ProjectSettings>,
    ),
    (
        "conversation/v1/sinchevents/capability/CapabilityEventDto.json",
        decode::<c::CapabilityEvent>,
    ),
    (
        "conversation/v1/sinchevents/channel/ChannelEventDto.json",
        decode::<c::ChannelEvent>,
    ),
    (
        "conversation/v1/sinchevents/contact/ContactCreateEventDto.json",
        decode::<c::ContactCreateEvent>,
    ),
    (
        "conversation/v1/sinchevents/contact/ContactDeleteEventDto.json",
        decode::<c::ContactDeleteEvent>,
    ),
    (
        "conversation/v1/sinchevents/contact/ContactIdentitiesDuplicationEventDto.json",
        decode::<c::ContactIdentitiesDuplicationEvent>,
    ),
    (
        "conversation/v1/sinchevents/contact/ContactMergeEventDto.json",
        decode::<c::ContactMergeEvent>,
    ),
    (
        "conversation/v1/sinchevents/contact/ContactUpdateEventDto.json",
        decode::<c::ContactUpdateEvent>,
    ),
    (
        "conversation/v1/sinchevents/conversation/ConversationDeleteEventDto.json",
        decode::<c::ConversationDeleteEvent>,
    ),
    (
        "conversation/v1/sinchevents/conversation/ConversationStartEventDto.json",
        decode::<c::ConversationStartEvent>,
    ),
    (
        "conversation/v1/sinchevents/conversation/ConversationStopEventDto.json",
        decode::<c::ConversationStopEvent>,
    ),
    (
        "conversation/v1/sinchevents/delivery/EventDeliveryReceiptEventDto.json",
        decode::<c::EventDelivery>,
    ),
    (
        "conversation/v1/sinchevents/delivery/MessageDeliveryReceiptEventDto.json",
        decode::<c::MessageDeliveryReceiptEvent>,
    ),
    (
        "conversation/v1/sinchevents/inbound/InboundContactEventDto.json",
        decode::<c::EventInbound>,
    ),
    (
        "conversation/v1/sinchevents/inbound/InboundContactMessageEventDto.json",
        decode::<c::EventInbound>,
    ),
    (
        "conversation/v1/sinchevents/message/MessageInboundEventDto.json",
        decode::<c::MessageInboundEvent>,
    ),
    (
        "conversation/v1/sinchevents/message/MessageSubmitEventDto.json",
        decode::<c::MessageSubmitEvent>,
    ),
    (
        "conversation/v1/sinchevents/opting/OptInEventDto.json",
        decode::<c::OptInEvent>,
    ),
    (
        "conversation/v1/sinchevents/opting/OptOutEventDto.json",
        decode::<c::OptOutEvent>,
    ),
    (
        "conversation/v1/sinchevents/record/RecordNotificationEventDto.json",
        decode::<c::RecordNotificationEvent>,
    ),
    (
        "conversation/v1/sinchevents/smartconversations/MessageInboundSmartConversationRedactionEventDto.json",
        decode::<c::MessageInboundSmartConversationRedactionEvent>,
    ),
    (
        "conversation/v1/sinchevents/smartconversations/SmartConversationsEventDto.json",
        decode::<c::SmartConversationsEvent>,
    ),
    (
        "conversation/v1/sinchevents/unsupported/UnsupportedCallbackEventDto.json",
        decode::<c::UnsupportedCallbackEvent>,
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
const TEMPLATES: &[Entry] = &[(
    "conversation/templates/TemplateVariableDto.json",
    decode::<t::TemplateVariable>,
)];

#[cfg(feature = "templates_v2")]
const TEMPLATES_V2: &[Entry] = &[
    (
        "conversation/templates/v2/ChannelTemplateOverrideWithVersionDto.json",
        decode::<t2::ChannelTemplateOverride>,
    ),
    (
        "conversation/templates/v2/ChannelTemplateOverrideWithoutVersionDto.json",
        decode::<t2::ChannelTemplateOverride>,
    ),
    (
        "conversation/templates/v2/request/TemplateTranslationV2RequestDto.json",
        decode::<t2::V2TemplateTranslation>,
    ),
    (
        "conversation/templates/v2/request/TemplateV2RequestDto.json",
        decode::<t2::V2Template>,
    ),
    (
        "conversation/templates/v2/response/TemplateTranslationV2ResponseDto.json",
        decode::<t2::V2TemplateTranslation>,
    ),
    (
        "conversation/templates/v2/response/TemplateV2ResponseDto.json",
        decode::<t2::V2Template>,
    ),
    (
        "conversation/templates/v2/response/TemplatesV2ListResponseDto.json",
        decode::<t2::V2ListTemplatesResponse>,
    ),
    (
        "conversation/templates/v2/response/TranslationsV2ListResponseDto.json",
        decode::<t2::V2ListTranslationsResponse>,
    ),
];

/// Payload files the descriptions have no schema for, with what is missing.
const NO_TYPE: &[(&str, &str)] = &[];

/// A group's `auto_update.to` that Sinch writes as a number reads as its text, and goes back
/// out as text: the manifest's `numbers_as_text` for it.
#[cfg(feature = "sms")]
#[test]
fn a_number_sinch_writes_for_text_reads_as_its_text() {
    let value = read(&payload_dir(), "sms/v1/CreateGroupRequestDto.json");
    let group: s::GroupObject = serde_json::from_value(value).expect("decodes");
    let auto = group.auto_update.clone().expect("auto_update");
    assert_eq!(auto.to.as_deref(), Some("15551231234"));
    let back = serde_json::to_value(&group).unwrap();
    assert_eq!(back["auto_update"]["to"], serde_json::json!("15551231234"));
    let e = serde_json::from_value::<s::GroupObject>(serde_json::json!({"auto_update": {"to": true}})).unwrap_err();
    assert!(e.to_string().contains("expected a string or a number"), "{e}");
}

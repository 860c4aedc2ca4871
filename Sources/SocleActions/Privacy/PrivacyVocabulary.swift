import SoclePrivacy

// The privacy values callers name — a column's level and its category of personal data — published by the
// action layer as its own vocabulary, so that the server and the CLI classify and show columns without
// importing the detector's module (issue 11: one door).
public typealias PrivacyLevel = SoclePrivacy.PrivacyLevel
public typealias DataCategory = SoclePrivacy.DataCategory

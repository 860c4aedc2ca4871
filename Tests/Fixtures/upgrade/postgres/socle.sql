--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: socle_upgrade; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA socle_upgrade;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_tokens; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.api_tokens (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    organisation_id bigint NOT NULL,
    secret_hash text NOT NULL,
    prefix text NOT NULL,
    can_write boolean NOT NULL,
    datasets_json text,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone,
    CONSTRAINT api_tokens_secret_hash_check CHECK ((length(secret_hash) = 64))
);


--
-- Name: api_tokens_id_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.api_tokens ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.api_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: audit_log; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.audit_log (
    seq bigint NOT NULL,
    at_ms bigint NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    object_type text NOT NULL,
    object_id text NOT NULL,
    details text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    CONSTRAINT audit_log_hash_check CHECK ((length(hash) = 64)),
    CONSTRAINT audit_log_prev_hash_check CHECK ((length(prev_hash) = 64)),
    CONSTRAINT audit_log_seq_check CHECK ((seq > 0))
);


--
-- Name: dataset_documents; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.dataset_documents (
    dataset_id bigint NOT NULL,
    kind text NOT NULL,
    key text NOT NULL,
    body text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT dataset_documents_kind_check CHECK (((length(kind) >= 1) AND (length(kind) <= 32)))
);


--
-- Name: datasets; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.datasets (
    id bigint NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    organisation_id bigint NOT NULL,
    current_revision integer,
    created_at timestamp with time zone NOT NULL,
    metadata_json text DEFAULT '{}'::text NOT NULL,
    published_revision integer,
    CONSTRAINT datasets_slug_check CHECK (((length(slug) >= 2) AND (length(slug) <= 64))),
    CONSTRAINT datasets_title_check CHECK ((length(title) > 0))
);


--
-- Name: datasets_id_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.datasets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.datasets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: jobs; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.jobs (
    id bigint NOT NULL,
    kind text NOT NULL,
    status text NOT NULL,
    progress double precision DEFAULT 0 NOT NULL,
    rows bigint DEFAULT 0 NOT NULL,
    dataset_slug text,
    error_json text,
    payload text NOT NULL,
    result text,
    created_by bigint,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    CONSTRAINT jobs_progress_check CHECK (((progress >= (0)::double precision) AND (progress <= (1)::double precision))),
    CONSTRAINT jobs_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'succeeded'::text, 'failed'::text])))
);


--
-- Name: jobs_id_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.jobs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: memberships; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.memberships (
    user_id bigint NOT NULL,
    organisation_id bigint NOT NULL,
    role text NOT NULL,
    CONSTRAINT memberships_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'dpo'::text, 'steward'::text, 'agent'::text])))
);


--
-- Name: organisations; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.organisations (
    id bigint NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    kind text DEFAULT 'commune'::text NOT NULL,
    siren text,
    population integer,
    agents integer,
    CONSTRAINT organisations_agents_check CHECK (((agents IS NULL) OR (agents >= 0))),
    CONSTRAINT organisations_kind_check CHECK ((kind = ANY (ARRAY['commune'::text, 'ccas'::text, 'cias'::text, 'epci'::text, 'syndicat'::text, 'departement'::text, 'region'::text, 'partner'::text]))),
    CONSTRAINT organisations_name_check CHECK ((length(name) > 0)),
    CONSTRAINT organisations_population_check CHECK (((population IS NULL) OR (population >= 0))),
    CONSTRAINT organisations_siren_check CHECK (((siren IS NULL) OR (length(siren) = 9))),
    CONSTRAINT organisations_slug_check CHECK (((length(slug) >= 2) AND (length(slug) <= 64)))
);


--
-- Name: organisations_id_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.organisations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.organisations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: rev_1_1; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.rev_1_1 (
    _row bigint NOT NULL,
    cle_interop text,
    uid_adresse text,
    voie_nom text,
    numero double precision,
    suffixe text,
    commune_nom text,
    "position" text,
    x double precision,
    y double precision,
    long double precision,
    lat double precision,
    source text,
    date_der_maj text,
    geo_point text,
    _geo_lon double precision,
    _geo_lat double precision
);


--
-- Name: rev_1_1__row_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.rev_1_1 ALTER COLUMN _row ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.rev_1_1__row_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: rev_1_2; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.rev_1_2 (
    _row bigint NOT NULL,
    cle_interop text,
    uid_adresse text,
    voie_nom text,
    numero double precision,
    suffixe text,
    commune_nom text,
    "position" text,
    x double precision,
    y double precision,
    long double precision,
    lat double precision,
    source text,
    date_der_maj text,
    geo_point text,
    _geo_lon double precision,
    _geo_lat double precision
);


--
-- Name: rev_1_2__row_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.rev_1_2 ALTER COLUMN _row ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.rev_1_2__row_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: rev_2_1; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.rev_2_1 (
    _row bigint NOT NULL,
    id_park text,
    nom_park text,
    insee text,
    ad_park text,
    url text,
    type_usag text,
    gratuit text,
    nb_places bigint,
    nb_pr bigint,
    nb_pmr bigint,
    nb_voit_el bigint,
    nb_velo bigint,
    nb_2r_el bigint,
    nb_autop bigint,
    nb_2rm bigint,
    nb_covoit bigint,
    hauteur_max bigint,
    num_siret text,
    xlong double precision,
    ylat double precision,
    tarif_pmr text,
    t1h double precision,
    t2h double precision,
    t3h double precision,
    t4h double precision,
    t24h bigint,
    ab_r double precision,
    ab_nr double precision,
    type_ouvr text,
    info text
);


--
-- Name: rev_2_1__row_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.rev_2_1 ALTER COLUMN _row ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.rev_2_1__row_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: rev_3_1; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.rev_3_1 (
    _row bigint NOT NULL,
    code text,
    nom text,
    geometry text,
    _geo_lon double precision,
    _geo_lat double precision,
    _geo_xmin double precision,
    _geo_ymin double precision,
    _geo_xmax double precision,
    _geo_ymax double precision
);


--
-- Name: rev_3_1__row_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.rev_3_1 ALTER COLUMN _row ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.rev_3_1__row_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: revisions; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.revisions (
    dataset_id bigint NOT NULL,
    number integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    source_name text NOT NULL,
    source_size bigint NOT NULL,
    source_sha256 text NOT NULL,
    format text NOT NULL,
    encoding text,
    delimiter text,
    row_count bigint NOT NULL,
    columns_json text NOT NULL,
    warnings_json text NOT NULL,
    status text NOT NULL,
    table_name text NOT NULL,
    CONSTRAINT revisions_number_check CHECK ((number > 0)),
    CONSTRAINT revisions_row_count_check CHECK ((row_count >= 0)),
    CONSTRAINT revisions_status_check CHECK ((status = ANY (ARRAY['ready'::text, 'superseded'::text])))
);


--
-- Name: schema_migrations; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.schema_migrations (
    id text NOT NULL,
    applied_at timestamp with time zone NOT NULL
);


--
-- Name: services; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.services (
    id bigint NOT NULL,
    organisation_id bigint NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    CONSTRAINT services_name_check CHECK ((length(name) > 0)),
    CONSTRAINT services_slug_check CHECK (((length(slug) >= 2) AND (length(slug) <= 64)))
);


--
-- Name: services_id_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.services ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.services_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: sessions; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.sessions (
    id_hash text NOT NULL,
    user_id bigint NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT sessions_id_hash_check CHECK ((length(id_hash) = 64))
);


--
-- Name: users; Type: TABLE; Schema: socle_upgrade; Owner: -
--

CREATE TABLE socle_upgrade.users (
    id bigint NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    password_hash text NOT NULL,
    disabled boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT users_email_check CHECK ((POSITION(('@'::text) IN (email)) > 1))
);


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: socle_upgrade; Owner: -
--

ALTER TABLE socle_upgrade.users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME socle_upgrade.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Data for Name: api_tokens; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.api_tokens (id, user_id, organisation_id, secret_hash, prefix, can_write, datasets_json, created_at, expires_at, revoked_at, last_used_at) FROM stdin;
1	1	1	a884906991c9f083f9bea643b0acd0b7a88f537b36d29a6e26116bac867b28cb	socle_KxdfFt	t	\N	2026-12-07 01:36:41.382486+00	\N	\N	\N
\.


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.audit_log (seq, at_ms, actor, action, object_type, object_id, details, prev_hash, hash) FROM stdin;
1	1796607399788	system:cli	organisation.create	organisation	vire	{"kind":"commune","name":"Vire Normandie"}	0000000000000000000000000000000000000000000000000000000000000000	8eb453a82863d76a7d3a268fc62836f5accdf09c1befaa7779e0ea56bec9b13f
2	1796607399887	system:cli	organisation.create	organisation	ccas-vire	{"kind":"ccas","name":"CCAS de Vire"}	8eb453a82863d76a7d3a268fc62836f5accdf09c1befaa7779e0ea56bec9b13f	5d3b0a49890088cd43c412740c99f5bc12bce7ee8a1b2ec670c3a3619518cf79
3	1796607400549	system:cli	user.create	user	dpo@vire.fr	{"organisation":"vire","role":"dpo"}	5d3b0a49890088cd43c412740c99f5bc12bce7ee8a1b2ec670c3a3619518cf79	7c6fb6ccb755e92ba510c4404fca71c83c678e218331ef60c7ee2c646c63039f
4	1796607401300	system:cli	user.create	user	agent@vire.fr	{"organisation":"ccas-vire","role":"agent"}	7c6fb6ccb755e92ba510c4404fca71c83c678e218331ef60c7ee2c646c63039f	243deda470cb8c9ad7a66f7d5f3e0dcfec1de9a32eae8cd21da6116163355f28
5	1796607401399	system:cli	token.create	token	1	{"organisation":"vire","user":"dpo@vire.fr","write":"true"}	243deda470cb8c9ad7a66f7d5f3e0dcfec1de9a32eae8cd21da6116163355f28	eadd7485b0916ce3cd806b32a6dfd969aa9a9310573cc0d7f7b485455db30bbe
6	1796607401596	system:cli	dataset.load	dataset	adresses	{"file":"sample.ansi.csv","revision":"1","rows":"15","sha256":"4cbb8f41f5bb149b006c0c4c6d8cf6b57d61da08434675dd5e207da11f07c8e3"}	eadd7485b0916ce3cd806b32a6dfd969aa9a9310573cc0d7f7b485455db30bbe	ab05bc6c975954732526a5f23362ff9cf1aeb0a495c8fc9a5cfd2c08c05cfc4f
7	1796607401740	system:cli	dataset.load	dataset	adresses	{"file":"sample.csv","revision":"2","rows":"15","sha256":"5cb126535930e1f4882e4950c5baf64d719290df2c84ffb49ef70906c1fa8888"}	ab05bc6c975954732526a5f23362ff9cf1aeb0a495c8fc9a5cfd2c08c05cfc4f	bfd8a3783dc6033c2b8bea878d78259e7f1804e3e35418018d318f0278839559
8	1796607401990	system:cli	dataset.load	dataset	stationnement	{"file":"exemple-valide_legacy-headers.csv","revision":"1","rows":"1","sha256":"a1c349a5b7b1e1a4cdfc6993b85eb8e44272fa8ad96ce12dd76c089c0ba1fed3"}	bfd8a3783dc6033c2b8bea878d78259e7f1804e3e35418018d318f0278839559	69c69d67635bb6e004906036cf8519666a61d6b0c9e31492fb320d45c66aa933
9	1796607402147	system:cli	dataset.load	dataset	communes-paris	{"file":"communes-75-paris.geojson","revision":"1","rows":"1","sha256":"8f176ac1af751849f2b28ed5d7007c3fa732165ab2e3dd46cfcc85d1993402e7"}	69c69d67635bb6e004906036cf8519666a61d6b0c9e31492fb320d45c66aa933	1a6d475ecbc7e8b07e4c2b1096c4b7d04dd39ca27bffd48606407fbfa115602f
10	1796607402278	system:cli	privacy.classify	dataset	adresses	{"category":"","column":"voie_nom","confirmed":"true","suggested":"public","verdict":"public"}	1a6d475ecbc7e8b07e4c2b1096c4b7d04dd39ca27bffd48606407fbfa115602f	8011c8325ba95e9f4d90ec8721575176b53030962fc98ec34cfb3b89ee0e81d6
\.


--
-- Data for Name: dataset_documents; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.dataset_documents (dataset_id, kind, key, body, updated_at) FROM stdin;
1	privacy-scan	1	{"columns":[{"label":"cle_interop","name":"cle_interop","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"uid_adresse","name":"uid_adresse","suggestion":{"confidence":0.3,"evidence":{"examined":0,"examples":[],"matched":0,"signals":[{"args":{"category":"postalAddress","phrase":"adresse"},"code":"privacy.signal.header"},{"args":{},"code":"privacy.signal.empty_column"}]},"verdict":"public"},"type":"text"},{"label":"voie_nom","name":"voie_nom","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"category":"postalAddress","phrase":"voie"},"code":"privacy.signal.header"}]},"verdict":"public"},"type":"text"},{"label":"numero","name":"numero","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"suffixe","name":"suffixe","suggestion":{"confidence":0.3,"evidence":{"examined":0,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.empty_column"}]},"verdict":"public"},"type":"text"},{"label":"commune_nom","name":"commune_nom","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"position","name":"position","suggestion":{"confidence":0.8,"evidence":{"examined":13,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"x","name":"x","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"count":"6"},"code":"privacy.signal.nir_key_failed"}]},"verdict":"public"},"type":"number"},{"label":"y","name":"y","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"count":"6"},"code":"privacy.signal.nir_key_failed"}]},"verdict":"public"},"type":"number"},{"label":"long","name":"long","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"count":"7"},"code":"privacy.signal.nir_key_failed"}]},"verdict":"public"},"type":"number"},{"label":"lat","name":"lat","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"count":"7"},"code":"privacy.signal.nir_key_failed"}]},"verdict":"public"},"type":"number"},{"label":"source","name":"source","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"date_der_maj","name":"date_der_maj","suggestion":{"confidence":0.8,"evidence":{"examined":14,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"date"},{"label":"","name":"geo_point","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"geopoint"}],"revision":1,"sampledRows":15,"scannedAt":818300201.5902025,"seconds":0.014031052589416504}	2026-12-07 01:36:41.591675+00
1	privacy-scan	2	{"columns":[{"label":"cle_interop","name":"cle_interop","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"uid_adresse","name":"uid_adresse","suggestion":{"confidence":0.3,"evidence":{"examined":0,"examples":[],"matched":0,"signals":[{"args":{"category":"postalAddress","phrase":"adresse"},"code":"privacy.signal.header"},{"args":{},"code":"privacy.signal.empty_column"}]},"verdict":"public"},"type":"text"},{"label":"voie_nom","name":"voie_nom","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"category":"postalAddress","phrase":"voie"},"code":"privacy.signal.header"}]},"verdict":"public"},"type":"text"},{"label":"numero","name":"numero","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"suffixe","name":"suffixe","suggestion":{"confidence":0.3,"evidence":{"examined":0,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.empty_column"}]},"verdict":"public"},"type":"text"},{"label":"commune_nom","name":"commune_nom","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"position","name":"position","suggestion":{"confidence":0.8,"evidence":{"examined":13,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"x","name":"x","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"count":"6"},"code":"privacy.signal.nir_key_failed"}]},"verdict":"public"},"type":"number"},{"label":"y","name":"y","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"count":"6"},"code":"privacy.signal.nir_key_failed"}]},"verdict":"public"},"type":"number"},{"label":"long","name":"long","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"count":"7"},"code":"privacy.signal.nir_key_failed"}]},"verdict":"public"},"type":"number"},{"label":"lat","name":"lat","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{"count":"7"},"code":"privacy.signal.nir_key_failed"}]},"verdict":"public"},"type":"number"},{"label":"source","name":"source","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"date_der_maj","name":"date_der_maj","suggestion":{"confidence":0.8,"evidence":{"examined":14,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"date"},{"label":"","name":"geo_point","suggestion":{"confidence":0.8,"evidence":{"examined":15,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"geopoint"}],"revision":2,"sampledRows":15,"scannedAt":818300201.7303942,"seconds":0.019417881965637207}	2026-12-07 01:36:41.736005+00
2	privacy-scan	1	{"columns":[{"label":"id_park","name":"id_park","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"nom_park","name":"nom_park","suggestion":{"confidence":0.7,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{"category":"identity","phrase":"nom"},"code":"privacy.signal.header"},{"args":{},"code":"privacy.signal.not_names"}]},"verdict":"public"},"type":"text"},{"label":"insee","name":"insee","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"code"},{"label":"ad_park","name":"ad_park","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.place_address"}]},"verdict":"public"},"type":"text"},{"label":"url","name":"url","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"type_usag","name":"type_usag","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"gratuit","name":"gratuit","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"date"},{"label":"nb_places","name":"nb_places","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"nb_PR","name":"nb_pr","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"nb_pmr","name":"nb_pmr","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"nb_voit_el","name":"nb_voit_el","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"nb_velo","name":"nb_velo","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"nb_2r_el","name":"nb_2r_el","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"nb_autop","name":"nb_autop","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"nb_2rm","name":"nb_2rm","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"nb_covoit","name":"nb_covoit","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"hauteur_max","name":"hauteur_max","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"num_SIRET","name":"num_siret","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"code"},{"label":"Xlong","name":"xlong","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"Ylat","name":"ylat","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"tarif_pmr","name":"tarif_pmr","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"t1h","name":"t1h","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"t2h","name":"t2h","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"t3h","name":"t3h","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"t4h","name":"t4h","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"t24h","name":"t24h","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"integer"},{"label":"ab_r","name":"ab_r","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"ab_nr","name":"ab_nr","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"number"},{"label":"type_ouvr","name":"type_ouvr","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"},{"label":"info","name":"info","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"text"}],"revision":1,"sampledRows":1,"scannedAt":818300201.9778645,"seconds":0.07438719272613525}	2026-12-07 01:36:41.98501+00
3	privacy-scan	1	{"columns":[{"label":"code","name":"code","suggestion":{"confidence":0.8,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{},"code":"privacy.signal.no_signal"}]},"verdict":"public"},"type":"code"},{"label":"nom","name":"nom","suggestion":{"confidence":0.7,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{"category":"identity","phrase":"nom"},"code":"privacy.signal.header"},{"args":{},"code":"privacy.signal.not_names"}]},"verdict":"public"},"type":"text"},{"label":"geometry","name":"geometry","suggestion":{"confidence":0.3,"evidence":{"examined":1,"examples":[],"matched":0,"signals":[{"args":{"count":"1"},"code":"privacy.signal.long_cells"}]},"verdict":"public"},"type":"geometry"}],"revision":1,"sampledRows":1,"scannedAt":818300202.1344959,"seconds":0.00701451301574707}	2026-12-07 01:36:42.136045+00
1	privacy-review	voie_nom	{"column":"voie_nom","confirmedSuggestion":true,"label":"voie_nom","reviewedAt":818300202.274184,"reviewer":"system:cli","type":"text","verdict":"public"}	2026-12-07 01:36:42.27473+00
\.


--
-- Data for Name: datasets; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.datasets (id, slug, title, organisation_id, current_revision, created_at, metadata_json, published_revision) FROM stdin;
1	adresses	sample.ansi	1	2	2026-12-07 01:36:41.526738+00	{}	\N
2	stationnement	exemple valide legacy headers	2	1	2026-12-07 01:36:41.879077+00	{}	\N
3	communes-paris	communes 75 paris	1	1	2026-12-07 01:36:42.10579+00	{}	\N
\.


--
-- Data for Name: jobs; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.jobs (id, kind, status, progress, rows, dataset_slug, error_json, payload, result, created_by, created_at, started_at, finished_at) FROM stdin;
\.


--
-- Data for Name: memberships; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.memberships (user_id, organisation_id, role) FROM stdin;
1	1	dpo
2	2	agent
\.


--
-- Data for Name: organisations; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.organisations (id, slug, name, created_at, kind, siren, population, agents) FROM stdin;
1	vire	Vire Normandie	2026-12-07 01:36:39.776147+00	commune	200061159	17000	350
2	ccas-vire	CCAS de Vire	2026-12-07 01:36:39.875032+00	ccas	\N	\N	\N
\.


--
-- Data for Name: rev_1_1; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.rev_1_1 (_row, cle_interop, uid_adresse, voie_nom, numero, suffixe, commune_nom, "position", x, y, long, lat, source, date_der_maj, geo_point, _geo_lon, _geo_lat) FROM stdin;
1	A7482_6956_11	\N	Rue du Verdon	11	\N	Strasbourg	Entrée	1049409	6838286.4	7.737072	48.55045	Ville de Strasbourg	2013-01-26	48.55045,7.737072	7.737072	48.55045
2	00000_5513_52	\N	Rue de la Renaissance	52	\N	Strasbourg	entrée	1052800.8	6845467.7	7.788841	48.613092	Ville de Strasbourg	\N	48.613092,7.788841	7.788841	48.613092
3	67482_0340_43	\N	Rue de l'Aubépine	43	\N	Strasbourg	entrée	1051485.9	6844700.9	7.770409	48.606923	Ville de Strasbourg	2013-01-26	48.606923,7.770409	7.770409	48.606923
4	67482_4765_195	\N	Route Oberhausbergen	195	\N	Strasbourg	entrée	1046725.9	6843246.2	7.704784	48.596428	Ville de Strasbourg	2013-01-26	48.596428,7.704784	7.704784	48.596428
5	67482_0340_45	\N	Rue de l'Aubépine	45	\N	Strasbourg	Entrée	1051522.3	6844710.5	7.770909	48.606988	Ville de Strasbourg	2013-01-26	48.606988,7.770909	7.770909	48.606988
6	67482_2498_16	\N	Avenue François Mitterrand	16	\N	Strasbourg	ddfdf	1046166.3	6842137.1	7.696314	48.586769	Ville de Strasbourg	2016-01-25	48.586769,7.696314	7.696314	48.586769
7	67482_5740_8	\N	Rue du Rosslauf	8	\N	Strasbourg	\N	1047947.1	6843172.6	7.721256	48.595111	Ville de Strasbourg	2013-01-26	48.595111,7.721256	7.721256	48.595111
8	67482_5740_8_BIS	\N	Rue du Rosslauf	8	\N	Strasbourg	\N	1047947.1	6843172.6	7.721256	48.595111	Ville de Strasbourg	2013-01-26	48.595111,7.721256	7.721256	48.595111
9	35001_0010_00003	\N	Square Ella Maillart	3	\N	Acigné	bâtiment	363406.065895971	6791854.24255302	-1.52766874865078	48.1401803364252	Rennes Métropole	2013-10-23	48.1401803364252,-1.52766874865078	-1.52766874865078	48.1401803364252
10	35001_0010_00005	\N	Square Ella Maillart	5	\N	Acigné	bâtiment	363405.727692226	6791858.39216199	-1.52767648509385	48.1402174400142	Rennes Métropole	2013-10-23	48.1402174400142,-1.52767648509385	-1.52767648509385	48.1402174400142
11	35001_XX0010_3	\N	Square Ella Maillart	3	\N	Acigné	bâtiment	363406.065895971	6791854.24255302	-1.52766874865078	48.1401803364252	Rennes Métropole	2013-10-23	48.1401803364252,-1.52766874865078	-1.52766874865078	48.1401803364252
12	35001_0010_5_BIS	\N	Square Ella Maillart	5	\N	Acigné	bâtiment	363405.727692226	6791858.39216199	-1.52767648509385	48.1402174400142	Rennes Métropole	2013-10-23	48.1402174400142,-1.52767648509385	-1.52767648509385	48.1402174400142
13	35001_0010_00005_BIS	\N	Square Ella Maillart	5	\N	Acigné	bâtiment	363405.727692226	6791858.39216199	-1.52767648509385	48.1402174400142	Rennes Métropole	2013-10-23	48.1402174400142,-1.52767648509385	-1.52767648509385	48.1402174400142
14	35001_0010_00005_3djsoi5	\N	Square Ella Maillart	5	\N	Acigné	bâtiment	363405.727692226	6791858.39216199	-1.52767648509385	48.1402174400142	Rennes Métropole	2013-10-23	48.1402174400142,-1.52767648509385	-1.52767648509385	48.1402174400142
15	29189_0421_00163	\N	rue Eric Tabarly	163	\N	PLOUGASTEL-DAOULAS	parcelle	156513.07	6834959.14	-4.35158094561215	48.3870664568835	BM_pays_de_brest	2017-07-25	48.3870664568835,-4.35158094561215	-4.35158094561215	48.3870664568835
\.


--
-- Data for Name: rev_1_2; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.rev_1_2 (_row, cle_interop, uid_adresse, voie_nom, numero, suffixe, commune_nom, "position", x, y, long, lat, source, date_der_maj, geo_point, _geo_lon, _geo_lat) FROM stdin;
1	A7482_6956_11	\N	Rue du Verdon	11	\N	Strasbourg	Entrée	1049409	6838286.4	7.737072	48.55045	Ville de Strasbourg	2013-01-26	48.55045,7.737072	7.737072	48.55045
2	00000_5513_52	\N	Rue de la Renaissance	52	\N	Strasbourg	entrée	1052800.8	6845467.7	7.788841	48.613092	Ville de Strasbourg	\N	48.613092,7.788841	7.788841	48.613092
3	67482_0340_43	\N	Rue de l'Aubépine	43	\N	Strasbourg	entrée	1051485.9	6844700.9	7.770409	48.606923	Ville de Strasbourg	2013-01-26	48.606923,7.770409	7.770409	48.606923
4	67482_4765_195	\N	Route Oberhausbergen	195	\N	Strasbourg	entrée	1046725.9	6843246.2	7.704784	48.596428	Ville de Strasbourg	2013-01-26	48.596428,7.704784	7.704784	48.596428
5	67482_0340_45	\N	Rue de l'Aubépine	45	\N	Strasbourg	Entrée	1051522.3	6844710.5	7.770909	48.606988	Ville de Strasbourg	2013-01-26	48.606988,7.770909	7.770909	48.606988
6	67482_2498_16	\N	Avenue François Mitterrand	16	\N	Strasbourg	ddfdf	1046166.3	6842137.1	7.696314	48.586769	Ville de Strasbourg	2016-01-25	48.586769,7.696314	7.696314	48.586769
7	67482_5740_8	\N	Rue du Rosslauf	8	\N	Strasbourg	\N	1047947.1	6843172.6	7.721256	48.595111	Ville de Strasbourg	2013-01-26	48.595111,7.721256	7.721256	48.595111
8	67482_5740_8_BIS	\N	Rue du Rosslauf	8	\N	Strasbourg	\N	1047947.1	6843172.6	7.721256	48.595111	Ville de Strasbourg	2013-01-26	48.595111,7.721256	7.721256	48.595111
9	35001_0010_00003	\N	Square Ella Maillart	3	\N	Acigné	bâtiment	363406.065895971	6791854.24255302	-1.52766874865078	48.1401803364252	Rennes Métropole	2013-10-23	48.1401803364252,-1.52766874865078	-1.52766874865078	48.1401803364252
10	35001_0010_00005	\N	Square Ella Maillart	5	\N	Acigné	bâtiment	363405.727692226	6791858.39216199	-1.52767648509385	48.1402174400142	Rennes Métropole	2013-10-23	48.1402174400142,-1.52767648509385	-1.52767648509385	48.1402174400142
11	35001_XX0010_3	\N	Square Ella Maillart	3	\N	Acigné	bâtiment	363406.065895971	6791854.24255302	-1.52766874865078	48.1401803364252	Rennes Métropole	2013-10-23	48.1401803364252,-1.52766874865078	-1.52766874865078	48.1401803364252
12	35001_0010_5_BIS	\N	Square Ella Maillart	5	\N	Acigné	bâtiment	363405.727692226	6791858.39216199	-1.52767648509385	48.1402174400142	Rennes Métropole	2013-10-23	48.1402174400142,-1.52767648509385	-1.52767648509385	48.1402174400142
13	35001_0010_00005_BIS	\N	Square Ella Maillart	5	\N	Acigné	bâtiment	363405.727692226	6791858.39216199	-1.52767648509385	48.1402174400142	Rennes Métropole	2013-10-23	48.1402174400142,-1.52767648509385	-1.52767648509385	48.1402174400142
14	35001_0010_00005_3djsoi5	\N	Square Ella Maillart	5	\N	Acigné	bâtiment	363405.727692226	6791858.39216199	-1.52767648509385	48.1402174400142	Rennes Métropole	2013-10-23	48.1402174400142,-1.52767648509385	-1.52767648509385	48.1402174400142
15	29189_0421_00163	\N	rue Eric Tabarly	163	\N	PLOUGASTEL-DAOULAS	parcelle	156513.07	6834959.14	-4.35158094561215	48.3870664568835	BM_pays_de_brest	2017-07-25	48.3870664568835,-4.35158094561215	-4.35158094561215	48.3870664568835
\.


--
-- Data for Name: rev_2_1; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.rev_2_1 (_row, id_park, nom_park, insee, ad_park, url, type_usag, gratuit, nb_places, nb_pr, nb_pmr, nb_voit_el, nb_velo, nb_2r_el, nb_autop, nb_2rm, nb_covoit, hauteur_max, num_siret, xlong, ylat, tarif_pmr, t1h, t2h, t3h, t4h, t24h, ab_r, ab_nr, type_ouvr, info) FROM stdin;
1	75114-P-001	REPUBLIQUE	75114	3 rue de la Gare, 92300, Levallois-Peret	https://www.exemple.fr/stationnementrepublique/	tous_usagers	2016-10-31	325	250	250	10	25	5	5	5	5	5	80295478500028	1.452323	46.59698	gratuit	5.5	7.5	10.5	13.5	40	60.99	79.99	ouvrage	Gratuité pour le marché le samedi matin
\.


--
-- Data for Name: rev_3_1; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.rev_3_1 (_row, code, nom, geometry, _geo_lon, _geo_lat, _geo_xmin, _geo_ymin, _geo_xmax, _geo_ymax) FROM stdin;
1	75056	Paris	{"type":"Polygon","coordinates":[[[2.42757,48.84157],[2.43718,48.84089],[2.43796,48.84467],[2.44074,48.84441],[2.44075,48.84596],[2.44653,48.84575],[2.44785,48.8448],[2.45789,48.84349],[2.46226,48.84254],[2.46522,48.84111],[2.46725,48.83907],[2.46971,48.83658],[2.46896,48.83392],[2.46569,48.83181],[2.46457,48.82766],[2.46573,48.82623],[2.46504,48.82409],[2.46286,48.82018],[2.46121,48.81836],[2.459,48.81724],[2.45333,48.81716],[2.4498,48.81788],[2.44186,48.81795],[2.43746,48.81818],[2.43745,48.81911],[2.43491,48.81967],[2.42923,48.82362],[2.42624,48.82413],[2.41996,48.82408],[2.41652,48.82474],[2.41114,48.82489],[2.4077,48.82635],[2.40493,48.82844],[2.40247,48.82954],[2.39396,48.82743],[2.39007,48.8257],[2.38153,48.82242],[2.38076,48.8217],[2.36421,48.8164],[2.36293,48.81608],[2.35646,48.81595],[2.35239,48.81856],[2.34717,48.8161],[2.33371,48.81677],[2.3319,48.81701],[2.33247,48.81825],[2.31415,48.82229],[2.30132,48.82513],[2.29219,48.82715],[2.2894,48.82835],[2.27906,48.83249],[2.27542,48.82951],[2.2728,48.82792],[2.26754,48.82779],[2.26722,48.83154],[2.27005,48.83301],[2.2673,48.83466],[2.2628,48.83392],[2.25514,48.83481],[2.25171,48.83882],[2.25123,48.8429],[2.25248,48.84548],[2.25062,48.84555],[2.24237,48.84766],[2.23919,48.85004],[2.22566,48.85302],[2.22422,48.85352],[2.22452,48.85654],[2.22568,48.85941],[2.22822,48.86518],[2.23174,48.86907],[2.23545,48.87059],[2.24109,48.87243],[2.2457,48.87646],[2.25481,48.87408],[2.25541,48.87426],[2.25847,48.88039],[2.27749,48.87797],[2.27995,48.87857],[2.2809,48.8828],[2.28446,48.88564],[2.28567,48.88657],[2.29151,48.88948],[2.29505,48.88987],[2.30378,48.89415],[2.30782,48.89606],[2.31246,48.89778],[2.31852,48.89963],[2.31988,48.90046],[2.32063,48.9008],[2.32726,48.90107],[2.34839,48.90153],[2.35187,48.90153],[2.36585,48.90161],[2.38515,48.90201],[2.38944,48.90115],[2.39033,48.90101],[2.3949,48.89844],[2.39762,48.89458],[2.39865,48.88941],[2.39891,48.88563],[2.4002,48.88383],[2.40409,48.8814],[2.40946,48.8801],[2.41069,48.87848],[2.41239,48.876],[2.41328,48.87312],[2.41394,48.87083],[2.41366,48.863],[2.41532,48.85518],[2.41634,48.84924],[2.41574,48.84531],[2.41224,48.83454],[2.4135,48.83372],[2.41734,48.83419],[2.42214,48.83579],[2.42093,48.83933],[2.41953,48.84145],[2.41987,48.84345],[2.42184,48.84444],[2.42453,48.84189],[2.42757,48.84157]]]}	\N	\N	2.22422	48.81595	2.46971	48.90201
\.


--
-- Data for Name: revisions; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.revisions (dataset_id, number, created_at, source_name, source_size, source_sha256, format, encoding, delimiter, row_count, columns_json, warnings_json, status, table_name) FROM stdin;
1	1	2026-12-07 01:36:41.561576+00	sample.ansi.csv	2191	4cbb8f41f5bb149b006c0c4c6d8cf6b57d61da08434675dd5e207da11f07c8e3	csv	windows-1252	;	15	[{"evidence":{"counterExamples":[],"matches":{"text":15},"notes":[],"nulls":0,"samples":["A7482_6956_11","00000_5513_52","67482_0340_43"],"values":15},"format":{},"label":"cle_interop","name":"cle_interop","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":0},"notes":[{"args":{},"code":"inference.note.no_value"}],"nulls":15,"samples":[],"values":0},"format":{},"label":"uid_adresse","name":"uid_adresse","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":15},"notes":[],"nulls":0,"samples":["Rue du Verdon","Rue de la Renaissance","Rue de l'Aubépine"],"values":15},"format":{},"label":"voie_nom","name":"voie_nom","type":"text"},{"evidence":{"counterExamples":[],"matches":{"integer":14,"number":15,"text":15},"notes":[{"args":{"separator":","},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["11","52","43"],"values":15},"format":{"decimalSeparator":","},"label":"numero","name":"numero","type":"number"},{"evidence":{"counterExamples":[],"matches":{"text":0},"notes":[{"args":{},"code":"inference.note.no_value"}],"nulls":15,"samples":[],"values":0},"format":{},"label":"suffixe","name":"suffixe","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":15},"notes":[],"nulls":0,"samples":["Strasbourg","Strasbourg","Strasbourg"],"values":15},"format":{},"label":"commune_nom","name":"commune_nom","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":13},"notes":[],"nulls":2,"samples":["Entrée","entrée","entrée"],"values":13},"format":{},"label":"position","name":"position","type":"text"},{"evidence":{"counterExamples":[],"matches":{"number":15,"text":15},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["1049409.0","1052800.8","1051485.9"],"values":15},"format":{"decimalSeparator":"."},"label":"x","name":"x","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":15,"text":15},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["6838286.4","6845467.7","6844700.9"],"values":15},"format":{"decimalSeparator":"."},"label":"y","name":"y","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":15,"text":15},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["7.737072","7.788841","7.770409"],"values":15},"format":{"decimalSeparator":"."},"label":"long","name":"long","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":15,"text":15},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["48.55045","48.613092","48.606923"],"values":15},"format":{"decimalSeparator":"."},"label":"lat","name":"lat","type":"number"},{"evidence":{"counterExamples":[],"matches":{"text":15},"notes":[],"nulls":0,"samples":["Ville de Strasbourg","Ville de Strasbourg","Ville de Strasbourg"],"values":15},"format":{},"label":"source","name":"source","type":"text"},{"evidence":{"counterExamples":[],"matches":{"date":14,"datetime":14,"text":14},"notes":[],"nulls":1,"samples":["2013.01.26","2013-01-26","2013-01-26"],"values":14},"format":{},"label":"date_der_maj","name":"date_der_maj","type":"date"},{"evidence":{"counterExamples":[],"matches":{"geopoint":15},"notes":[{"args":{"latitude":"lat","longitude":"long"},"code":"inference.note.geopoint_pair"}],"nulls":0,"samples":[],"values":15},"format":{"latitudeColumn":"lat","longitudeColumn":"long"},"label":"","name":"geo_point","type":"geopoint"}]	[]	superseded	rev_1_1
1	2	2026-12-07 01:36:41.704097+00	sample.csv	2220	5cb126535930e1f4882e4950c5baf64d719290df2c84ffb49ef70906c1fa8888	csv	utf-8-bom	;	15	[{"evidence":{"counterExamples":[],"matches":{"text":15},"notes":[],"nulls":0,"samples":["A7482_6956_11","00000_5513_52","67482_0340_43"],"values":15},"format":{},"label":"cle_interop","name":"cle_interop","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":0},"notes":[{"args":{},"code":"inference.note.no_value"}],"nulls":15,"samples":[],"values":0},"format":{},"label":"uid_adresse","name":"uid_adresse","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":15},"notes":[],"nulls":0,"samples":["Rue du Verdon","Rue de la Renaissance","Rue de l'Aubépine"],"values":15},"format":{},"label":"voie_nom","name":"voie_nom","type":"text"},{"evidence":{"counterExamples":[],"matches":{"integer":14,"number":15,"text":15},"notes":[{"args":{"separator":","},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["11","52","43"],"values":15},"format":{"decimalSeparator":","},"label":"numero","name":"numero","type":"number"},{"evidence":{"counterExamples":[],"matches":{"text":0},"notes":[{"args":{},"code":"inference.note.no_value"}],"nulls":15,"samples":[],"values":0},"format":{},"label":"suffixe","name":"suffixe","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":15},"notes":[],"nulls":0,"samples":["Strasbourg","Strasbourg","Strasbourg"],"values":15},"format":{},"label":"commune_nom","name":"commune_nom","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":13},"notes":[],"nulls":2,"samples":["Entrée","entrée","entrée"],"values":13},"format":{},"label":"position","name":"position","type":"text"},{"evidence":{"counterExamples":[],"matches":{"number":15,"text":15},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["1049409.0","1052800.8","1051485.9"],"values":15},"format":{"decimalSeparator":"."},"label":"x","name":"x","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":15,"text":15},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["6838286.4","6845467.7","6844700.9"],"values":15},"format":{"decimalSeparator":"."},"label":"y","name":"y","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":15,"text":15},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["7.737072","7.788841","7.770409"],"values":15},"format":{"decimalSeparator":"."},"label":"long","name":"long","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":15,"text":15},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["48.55045","48.613092","48.606923"],"values":15},"format":{"decimalSeparator":"."},"label":"lat","name":"lat","type":"number"},{"evidence":{"counterExamples":[],"matches":{"text":15},"notes":[],"nulls":0,"samples":["Ville de Strasbourg","Ville de Strasbourg","Ville de Strasbourg"],"values":15},"format":{},"label":"source","name":"source","type":"text"},{"evidence":{"counterExamples":[],"matches":{"date":14,"datetime":14,"text":14},"notes":[],"nulls":1,"samples":["2013.01.26","2013-01-26","2013-01-26"],"values":14},"format":{},"label":"date_der_maj","name":"date_der_maj","type":"date"},{"evidence":{"counterExamples":[],"matches":{"geopoint":15},"notes":[{"args":{"latitude":"lat","longitude":"long"},"code":"inference.note.geopoint_pair"}],"nulls":0,"samples":[],"values":15},"format":{"latitudeColumn":"lat","longitudeColumn":"long"},"label":"","name":"geo_point","type":"geopoint"}]	[]	ready	rev_1_2
2	1	2026-12-07 01:36:41.899205+00	exemple-valide_legacy-headers.csv	516	a1c349a5b7b1e1a4cdfc6993b85eb8e44272fa8ad96ce12dd76c089c0ba1fed3	csv	utf-8	,	1	[{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["75114-P-001"],"values":1},"format":{},"label":"id_park","name":"id_park","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["REPUBLIQUE"],"values":1},"format":{},"label":"nom_park","name":"nom_park","type":"text"},{"evidence":{"counterExamples":[],"matches":{"code":1,"integer":1,"number":1,"text":1},"notes":[{"args":{},"code":"inference.note.code_header"}],"nulls":0,"samples":["75114"],"values":1},"format":{},"label":"insee","name":"insee","type":"code"},{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["3 rue de la Gare, 92300, Levallois-Peret"],"values":1},"format":{},"label":"ad_park","name":"ad_park","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["https:\\/\\/www.exemple.fr\\/stationnementrepublique\\/"],"values":1},"format":{},"label":"url","name":"url","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["tous_usagers"],"values":1},"format":{},"label":"type_usag","name":"type_usag","type":"text"},{"evidence":{"counterExamples":[],"matches":{"date":1,"datetime":1,"text":1},"notes":[],"nulls":0,"samples":["2016-10-31"],"values":1},"format":{},"label":"gratuit","name":"gratuit","type":"date"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["325"],"values":1},"format":{},"label":"nb_places","name":"nb_places","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["250"],"values":1},"format":{},"label":"nb_PR","name":"nb_pr","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["250"],"values":1},"format":{},"label":"nb_pmr","name":"nb_pmr","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["10"],"values":1},"format":{},"label":"nb_voit_el","name":"nb_voit_el","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["25"],"values":1},"format":{},"label":"nb_velo","name":"nb_velo","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["5"],"values":1},"format":{},"label":"nb_2r_el","name":"nb_2r_el","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["5"],"values":1},"format":{},"label":"nb_autop","name":"nb_autop","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["5"],"values":1},"format":{},"label":"nb_2rm","name":"nb_2rm","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["5"],"values":1},"format":{},"label":"nb_covoit","name":"nb_covoit","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["5"],"values":1},"format":{},"label":"hauteur_max","name":"hauteur_max","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"code":1,"integer":1,"number":1,"text":1},"notes":[{"args":{},"code":"inference.note.code_header"}],"nulls":0,"samples":["80295478500028"],"values":1},"format":{},"label":"num_SIRET","name":"num_siret","type":"code"},{"evidence":{"counterExamples":[],"matches":{"number":1,"text":1},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["1.452323"],"values":1},"format":{"decimalSeparator":"."},"label":"Xlong","name":"xlong","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":1,"text":1},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["46.59698"],"values":1},"format":{"decimalSeparator":"."},"label":"Ylat","name":"ylat","type":"number"},{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["gratuit"],"values":1},"format":{},"label":"tarif_pmr","name":"tarif_pmr","type":"text"},{"evidence":{"counterExamples":[],"matches":{"number":1,"text":1},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["5.5"],"values":1},"format":{"decimalSeparator":"."},"label":"t1h","name":"t1h","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":1,"text":1},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["7.5"],"values":1},"format":{"decimalSeparator":"."},"label":"t2h","name":"t2h","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":1,"text":1},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["10.5"],"values":1},"format":{"decimalSeparator":"."},"label":"t3h","name":"t3h","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":1,"text":1},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["13.5"],"values":1},"format":{"decimalSeparator":"."},"label":"t4h","name":"t4h","type":"number"},{"evidence":{"counterExamples":[],"matches":{"integer":1,"number":1,"text":1},"notes":[],"nulls":0,"samples":["40"],"values":1},"format":{},"label":"t24h","name":"t24h","type":"integer"},{"evidence":{"counterExamples":[],"matches":{"number":1,"text":1},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["60.99"],"values":1},"format":{"decimalSeparator":"."},"label":"ab_r","name":"ab_r","type":"number"},{"evidence":{"counterExamples":[],"matches":{"number":1,"text":1},"notes":[{"args":{"separator":"."},"code":"inference.note.decimal_separator"}],"nulls":0,"samples":["79.99"],"values":1},"format":{"decimalSeparator":"."},"label":"ab_nr","name":"ab_nr","type":"number"},{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["ouvrage"],"values":1},"format":{},"label":"type_ouvr","name":"type_ouvr","type":"text"},{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["Gratuité pour le marché le samedi matin"],"values":1},"format":{},"label":"info","name":"info","type":"text"}]	[]	ready	rev_2_1
3	1	2026-12-07 01:36:42.123414+00	communes-75-paris.geojson	2442	8f176ac1af751849f2b28ed5d7007c3fa732165ab2e3dd46cfcc85d1993402e7	geojson	utf-8	\N	1	[{"evidence":{"counterExamples":[],"matches":{"code":1,"integer":1,"number":1,"text":1},"notes":[{"args":{},"code":"inference.note.code_header"}],"nulls":0,"samples":["75056"],"values":1},"format":{},"label":"code","name":"code","type":"code"},{"evidence":{"counterExamples":[],"matches":{"text":1},"notes":[],"nulls":0,"samples":["Paris"],"values":1},"format":{},"label":"nom","name":"nom","type":"text"},{"evidence":{"counterExamples":[],"matches":{"geometry":1,"text":1},"notes":[],"nulls":0,"samples":["{\\"type\\":\\"Polygon\\",\\"coordinates\\":[[[2.42757,48.84157],[2.43718,48.84089],[2.4379…"],"values":1},"format":{},"label":"geometry","name":"geometry","type":"geometry"}]	[]	ready	rev_3_1
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.schema_migrations (id, applied_at) FROM stdin;
0001-catalog	2026-12-07 01:36:39.704877+00
0002-platform	2026-12-07 01:36:39.704877+00
0003-documents	2026-12-07 01:36:39.704877+00
\.


--
-- Data for Name: services; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.services (id, organisation_id, slug, name) FROM stdin;
\.


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.sessions (id_hash, user_id, csrf_token, created_at, expires_at) FROM stdin;
\.


--
-- Data for Name: users; Type: TABLE DATA; Schema: socle_upgrade; Owner: -
--

COPY socle_upgrade.users (id, email, name, password_hash, disabled, created_at) FROM stdin;
1	dpo@vire.fr	dpo@vire.fr	$2b$12$bbxsYfjTg.LV7vASgVS6KeXiu4E88/S54gXF/5aYcHv5GZJCpYjhe	f	2026-12-07 01:36:40.533118+00
2	agent@vire.fr	agent@vire.fr	$2b$12$QKH5BlPckLBTFyMb7JhiPOifeewwXR/cOPLZZyoCdSmEDIKc3tzje	f	2026-12-07 01:36:41.286272+00
\.


--
-- Name: api_tokens_id_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.api_tokens_id_seq', 1, true);


--
-- Name: datasets_id_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.datasets_id_seq', 3, true);


--
-- Name: jobs_id_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.jobs_id_seq', 1, false);


--
-- Name: organisations_id_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.organisations_id_seq', 2, true);


--
-- Name: rev_1_1__row_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.rev_1_1__row_seq', 15, true);


--
-- Name: rev_1_2__row_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.rev_1_2__row_seq', 15, true);


--
-- Name: rev_2_1__row_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.rev_2_1__row_seq', 1, true);


--
-- Name: rev_3_1__row_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.rev_3_1__row_seq', 1, true);


--
-- Name: services_id_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.services_id_seq', 1, false);


--
-- Name: users_id_seq; Type: SEQUENCE SET; Schema: socle_upgrade; Owner: -
--

SELECT pg_catalog.setval('socle_upgrade.users_id_seq', 2, true);


--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);


--
-- Name: api_tokens api_tokens_secret_hash_key; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.api_tokens
    ADD CONSTRAINT api_tokens_secret_hash_key UNIQUE (secret_hash);


--
-- Name: audit_log audit_log_hash_key; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.audit_log
    ADD CONSTRAINT audit_log_hash_key UNIQUE (hash);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (seq);


--
-- Name: dataset_documents dataset_documents_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.dataset_documents
    ADD CONSTRAINT dataset_documents_pkey PRIMARY KEY (dataset_id, kind, key);


--
-- Name: datasets datasets_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.datasets
    ADD CONSTRAINT datasets_pkey PRIMARY KEY (id);


--
-- Name: datasets datasets_slug_key; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.datasets
    ADD CONSTRAINT datasets_slug_key UNIQUE (slug);


--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);


--
-- Name: memberships memberships_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.memberships
    ADD CONSTRAINT memberships_pkey PRIMARY KEY (user_id, organisation_id);


--
-- Name: organisations organisations_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.organisations
    ADD CONSTRAINT organisations_pkey PRIMARY KEY (id);


--
-- Name: organisations organisations_slug_key; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.organisations
    ADD CONSTRAINT organisations_slug_key UNIQUE (slug);


--
-- Name: rev_1_1 rev_1_1_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.rev_1_1
    ADD CONSTRAINT rev_1_1_pkey PRIMARY KEY (_row);


--
-- Name: rev_1_2 rev_1_2_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.rev_1_2
    ADD CONSTRAINT rev_1_2_pkey PRIMARY KEY (_row);


--
-- Name: rev_2_1 rev_2_1_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.rev_2_1
    ADD CONSTRAINT rev_2_1_pkey PRIMARY KEY (_row);


--
-- Name: rev_3_1 rev_3_1_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.rev_3_1
    ADD CONSTRAINT rev_3_1_pkey PRIMARY KEY (_row);


--
-- Name: revisions revisions_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.revisions
    ADD CONSTRAINT revisions_pkey PRIMARY KEY (dataset_id, number);


--
-- Name: revisions revisions_table_name_key; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.revisions
    ADD CONSTRAINT revisions_table_name_key UNIQUE (table_name);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (id);


--
-- Name: services services_organisation_id_slug_key; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.services
    ADD CONSTRAINT services_organisation_id_slug_key UNIQUE (organisation_id, slug);


--
-- Name: services services_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.services
    ADD CONSTRAINT services_pkey PRIMARY KEY (id);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id_hash);


--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.users
    ADD CONSTRAINT users_email_key UNIQUE (email);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: jobs_status_idx; Type: INDEX; Schema: socle_upgrade; Owner: -
--

CREATE INDEX jobs_status_idx ON socle_upgrade.jobs USING btree (status, id);


--
-- Name: rev_2_1_insee_idx; Type: INDEX; Schema: socle_upgrade; Owner: -
--

CREATE INDEX rev_2_1_insee_idx ON socle_upgrade.rev_2_1 USING btree (insee, _row);


--
-- Name: rev_2_1_num_siret_idx; Type: INDEX; Schema: socle_upgrade; Owner: -
--

CREATE INDEX rev_2_1_num_siret_idx ON socle_upgrade.rev_2_1 USING btree (num_siret, _row);


--
-- Name: rev_3_1_code_idx; Type: INDEX; Schema: socle_upgrade; Owner: -
--

CREATE INDEX rev_3_1_code_idx ON socle_upgrade.rev_3_1 USING btree (code, _row);


--
-- Name: api_tokens api_tokens_organisation_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.api_tokens
    ADD CONSTRAINT api_tokens_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES socle_upgrade.organisations(id);


--
-- Name: api_tokens api_tokens_user_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.api_tokens
    ADD CONSTRAINT api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES socle_upgrade.users(id);


--
-- Name: dataset_documents dataset_documents_dataset_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.dataset_documents
    ADD CONSTRAINT dataset_documents_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES socle_upgrade.datasets(id);


--
-- Name: datasets datasets_organisation_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.datasets
    ADD CONSTRAINT datasets_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES socle_upgrade.organisations(id);


--
-- Name: jobs jobs_created_by_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.jobs
    ADD CONSTRAINT jobs_created_by_fkey FOREIGN KEY (created_by) REFERENCES socle_upgrade.users(id);


--
-- Name: memberships memberships_organisation_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.memberships
    ADD CONSTRAINT memberships_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES socle_upgrade.organisations(id);


--
-- Name: memberships memberships_user_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.memberships
    ADD CONSTRAINT memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES socle_upgrade.users(id);


--
-- Name: revisions revisions_dataset_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.revisions
    ADD CONSTRAINT revisions_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES socle_upgrade.datasets(id);


--
-- Name: services services_organisation_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.services
    ADD CONSTRAINT services_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES socle_upgrade.organisations(id);


--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: socle_upgrade; Owner: -
--

ALTER TABLE ONLY socle_upgrade.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES socle_upgrade.users(id);


--
-- PostgreSQL database dump complete
--



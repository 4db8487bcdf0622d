//! `openapi3.Unmarshal RESOURCE`: an OpenAPI 3 document (JSON or YAML) as Hugo gives it to
//! templates, kin-openapi's model (`openapi3.T`): Go's field names (`.Info.Title`,
//! `$op.OperationID`, `.Paths.Map`, `$item.Operations`, `.Type.Slice`), a missing field its Go
//! zero value (`""`, `false`, nil for a pointer, an empty list), and every `$ref` resolved as
//! Hugo's loader resolves it: a `SchemaRef`, `ParameterRef`, … has `.Ref` (the `$ref` as
//! written, empty for an inline one) and `.Value` (the object it points to).
//!
//! The model is read from the decoded document one node at a time, when a template asks
//! for it: a recursive schema (a tree whose children are trees) costs nothing until a
//! template walks it, and walking it goes only as deep as the template does. Only
//! references inside the document (`#/components/…`) are followed; another file's gives a
//! nil `.Value`.

use super::transform::{resource_text, DataFormat};
use super::FuncContext;
use crate::template::value::{Arity, Object, Value};
use crate::template::Map;
use std::rc::Rc;

/// The model's types (kin-openapi's structs).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Doc,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Tag,
    ExternalDocs,
    Components,
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    MediaType,
    Example,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
    Schema,
    Types,
    Discriminator,
    Xml,
    Link,
    Encoding,
    Callback,
}

/// What a field holds, and its Go zero value when the document has none.
#[derive(Clone, Copy)]
enum Kind {
    /// `string`: `""`.
    Str,
    /// `*string`: nil.
    OptStr,
    /// `bool`: false.
    Bool,
    /// `any`: the JSON value, or nil.
    Any,
    /// `*float64`, `*uint64`, `*bool` (Go's type): the JSON value, or a nil pointer (`<nil>`).
    Ptr(&'static str),
    /// `*SecurityRequirements`: a pointer to the list (true even when empty), or nil.
    ListPtr,
    /// `[]string`, `[]any`: the list, or an empty one.
    List,
    /// `*X`: the object, or nil.
    Struct(Ty),
    /// `*XRef`: `.Ref` and `.Value`, or nil.
    Ref(Ty),
    /// `[]*X`.
    Structs(Ty),
    /// `[]*XRef`.
    Refs(Ty),
    /// `map[string]*X`.
    StructMap(Ty),
    /// `map[string]*XRef`.
    RefMap(Ty),
    /// `map[string]any`: the `x-` keys of the object itself (`Extensions`).
    Extensions,
}

use Kind::*;

/// The fields of a type: Go's name, the document's key, the kind.
fn fields(ty: Ty) -> &'static [(&'static str, &'static str, Kind)] {
    const EXT: (&str, &str, Kind) = ("Extensions", "", Extensions);
    match ty {
        Ty::Doc => &[
            ("OpenAPI", "openapi", Str),
            ("Components", "components", Struct(Ty::Components)),
            ("Info", "info", Struct(Ty::Info)),
            ("Paths", "paths", Struct(Ty::Paths)),
            ("Security", "security", List),
            ("Servers", "servers", Structs(Ty::Server)),
            ("Tags", "tags", Structs(Ty::Tag)),
            ("ExternalDocs", "externalDocs", Struct(Ty::ExternalDocs)),
            EXT,
        ],
        Ty::Info => &[
            ("Title", "title", Str),
            ("Description", "description", Str),
            ("TermsOfService", "termsOfService", Str),
            ("Contact", "contact", Struct(Ty::Contact)),
            ("License", "license", Struct(Ty::License)),
            ("Version", "version", Str),
            EXT,
        ],
        Ty::Contact => &[
            ("Name", "name", Str),
            ("URL", "url", Str),
            ("Email", "email", Str),
            EXT,
        ],
        Ty::License => &[("Name", "name", Str), ("URL", "url", Str), EXT],
        Ty::Server => &[
            ("URL", "url", Str),
            ("Description", "description", Str),
            ("Variables", "variables", StructMap(Ty::ServerVariable)),
            EXT,
        ],
        Ty::ServerVariable => &[
            ("Enum", "enum", List),
            ("Default", "default", Str),
            ("Description", "description", Str),
            EXT,
        ],
        Ty::Tag => &[
            ("Name", "name", Str),
            ("Description", "description", Str),
            ("ExternalDocs", "externalDocs", Struct(Ty::ExternalDocs)),
            EXT,
        ],
        Ty::ExternalDocs => &[("Description", "description", Str), ("URL", "url", Str), EXT],
        Ty::Components => &[
            ("Schemas", "schemas", RefMap(Ty::Schema)),
            ("Parameters", "parameters", RefMap(Ty::Parameter)),
            ("Headers", "headers", RefMap(Ty::Parameter)),
            ("RequestBodies", "requestBodies", RefMap(Ty::RequestBody)),
            ("Responses", "responses", RefMap(Ty::Response)),
            ("SecuritySchemes", "securitySchemes", RefMap(Ty::SecurityScheme)),
            ("Examples", "examples", RefMap(Ty::Example)),
            ("Links", "links", RefMap(Ty::Link)),
            ("Callbacks", "callbacks", RefMap(Ty::Callback)),
            EXT,
        ],
        Ty::Paths | Ty::Responses | Ty::Callback => &[EXT],
        Ty::PathItem => &[
            ("Ref", "$ref", Str),
            ("Summary", "summary", Str),
            ("Description", "description", Str),
            ("Connect", "connect", Struct(Ty::Operation)),
            ("Delete", "delete", Struct(Ty::Operation)),
            ("Get", "get", Struct(Ty::Operation)),
            ("Head", "head", Struct(Ty::Operation)),
            ("Options", "options", Struct(Ty::Operation)),
            ("Patch", "patch", Struct(Ty::Operation)),
            ("Post", "post", Struct(Ty::Operation)),
            ("Put", "put", Struct(Ty::Operation)),
            ("Trace", "trace", Struct(Ty::Operation)),
            ("Servers", "servers", Structs(Ty::Server)),
            ("Parameters", "parameters", Refs(Ty::Parameter)),
            EXT,
        ],
        Ty::Operation => &[
            ("Tags", "tags", List),
            ("Summary", "summary", Str),
            ("Description", "description", Str),
            ("OperationID", "operationId", Str),
            ("Parameters", "parameters", Refs(Ty::Parameter)),
            ("RequestBody", "requestBody", Ref(Ty::RequestBody)),
            ("Responses", "responses", Struct(Ty::Responses)),
            ("Callbacks", "callbacks", RefMap(Ty::Callback)),
            ("Deprecated", "deprecated", Bool),
            ("Security", "security", ListPtr),
            ("Servers", "servers", Structs(Ty::Server)),
            ("ExternalDocs", "externalDocs", Struct(Ty::ExternalDocs)),
            EXT,
        ],
        // A header is a parameter without `name` and `in` (kin-openapi embeds Parameter).
        Ty::Parameter => &[
            ("Name", "name", Str),
            ("In", "in", Str),
            ("Description", "description", Str),
            ("Style", "style", Str),
            ("Explode", "explode", Ptr("*bool")),
            ("AllowEmptyValue", "allowEmptyValue", Bool),
            ("AllowReserved", "allowReserved", Bool),
            ("Deprecated", "deprecated", Bool),
            ("Required", "required", Bool),
            ("Schema", "schema", Ref(Ty::Schema)),
            ("Example", "example", Any),
            ("Examples", "examples", RefMap(Ty::Example)),
            ("Content", "content", StructMap(Ty::MediaType)),
            EXT,
        ],
        Ty::RequestBody => &[
            ("Description", "description", Str),
            ("Required", "required", Bool),
            ("Content", "content", StructMap(Ty::MediaType)),
            EXT,
        ],
        Ty::Response => &[
            ("Description", "description", OptStr),
            ("Headers", "headers", RefMap(Ty::Parameter)),
            ("Content", "content", StructMap(Ty::MediaType)),
            ("Links", "links", RefMap(Ty::Link)),
            EXT,
        ],
        Ty::MediaType => &[
            ("Schema", "schema", Ref(Ty::Schema)),
            ("Example", "example", Any),
            ("Examples", "examples", RefMap(Ty::Example)),
            ("Encoding", "encoding", StructMap(Ty::Encoding)),
            EXT,
        ],
        Ty::Example => &[
            ("Summary", "summary", Str),
            ("Description", "description", Str),
            ("Value", "value", Any),
            ("ExternalValue", "externalValue", Str),
            EXT,
        ],
        Ty::SecurityScheme => &[
            ("Type", "type", Str),
            ("Description", "description", Str),
            ("Name", "name", Str),
            ("In", "in", Str),
            ("Scheme", "scheme", Str),
            ("BearerFormat", "bearerFormat", Str),
            ("Flows", "flows", Struct(Ty::OAuthFlows)),
            ("OpenIdConnectUrl", "openIdConnectUrl", Str),
            EXT,
        ],
        Ty::OAuthFlows => &[
            ("Implicit", "implicit", Struct(Ty::OAuthFlow)),
            ("Password", "password", Struct(Ty::OAuthFlow)),
            ("ClientCredentials", "clientCredentials", Struct(Ty::OAuthFlow)),
            ("AuthorizationCode", "authorizationCode", Struct(Ty::OAuthFlow)),
            EXT,
        ],
        Ty::OAuthFlow => &[
            ("AuthorizationURL", "authorizationUrl", Str),
            ("TokenURL", "tokenUrl", Str),
            ("RefreshURL", "refreshUrl", Str),
            ("Scopes", "scopes", Any),
            EXT,
        ],
        Ty::Schema => &[
            ("OneOf", "oneOf", Refs(Ty::Schema)),
            ("AnyOf", "anyOf", Refs(Ty::Schema)),
            ("AllOf", "allOf", Refs(Ty::Schema)),
            ("Not", "not", Ref(Ty::Schema)),
            ("Type", "type", Struct(Ty::Types)),
            ("Title", "title", Str),
            ("Format", "format", Str),
            ("Description", "description", Str),
            ("Enum", "enum", List),
            ("Default", "default", Any),
            ("Example", "example", Any),
            ("ExternalDocs", "externalDocs", Struct(Ty::ExternalDocs)),
            ("UniqueItems", "uniqueItems", Bool),
            ("ExclusiveMin", "exclusiveMinimum", Bool),
            ("ExclusiveMax", "exclusiveMaximum", Bool),
            ("Nullable", "nullable", Bool),
            ("ReadOnly", "readOnly", Bool),
            ("WriteOnly", "writeOnly", Bool),
            ("AllowEmptyValue", "allowEmptyValue", Bool),
            ("Deprecated", "deprecated", Bool),
            ("XML", "xml", Struct(Ty::Xml)),
            ("Min", "minimum", Ptr("*float64")),
            ("Max", "maximum", Ptr("*float64")),
            ("MultipleOf", "multipleOf", Ptr("*float64")),
            ("MinLength", "minLength", Any),
            ("MaxLength", "maxLength", Ptr("*uint64")),
            ("Pattern", "pattern", Str),
            ("MinItems", "minItems", Any),
            ("MaxItems", "maxItems", Ptr("*uint64")),
            ("Items", "items", Ref(Ty::Schema)),
            ("Required", "required", List),
            ("Properties", "properties", RefMap(Ty::Schema)),
            ("MinProps", "minProperties", Any),
            ("MaxProps", "maxProperties", Ptr("*uint64")),
            ("Discriminator", "discriminator", Struct(Ty::Discriminator)),
            EXT,
        ],
        Ty::Types => &[],
        Ty::Discriminator => &[
            ("PropertyName", "propertyName", Str),
            ("Mapping", "mapping", Any),
            EXT,
        ],
        Ty::Xml => &[
            ("Name", "name", Str),
            ("Namespace", "namespace", Str),
            ("Prefix", "prefix", Str),
            ("Attribute", "attribute", Bool),
            ("Wrapped", "wrapped", Bool),
            EXT,
        ],
        Ty::Link => &[
            ("OperationRef", "operationRef", Str),
            ("OperationID", "operationId", Str),
            ("Description", "description", Str),
            ("Parameters", "parameters", Any),
            ("RequestBody", "requestBody", Any),
            ("Server", "server", Struct(Ty::Server)),
            EXT,
        ],
        Ty::Encoding => &[
            ("ContentType", "contentType", Str),
            ("Headers", "headers", RefMap(Ty::Parameter)),
            ("Style", "style", Str),
            ("Explode", "explode", Ptr("*bool")),
            ("AllowReserved", "allowReserved", Bool),
            EXT,
        ],
    }
}

/// Go's name of a type, for messages.
fn type_name(ty: Ty) -> &'static str {
    match ty {
        Ty::Doc => "*openapi3.OpenAPIDocument",
        Ty::Info => "*openapi3.Info",
        Ty::Contact => "*openapi3.Contact",
        Ty::License => "*openapi3.License",
        Ty::Server => "*openapi3.Server",
        Ty::ServerVariable => "*openapi3.ServerVariable",
        Ty::Tag => "*openapi3.Tag",
        Ty::ExternalDocs => "*openapi3.ExternalDocs",
        Ty::Components => "*openapi3.Components",
        Ty::Paths => "*openapi3.Paths",
        Ty::PathItem => "*openapi3.PathItem",
        Ty::Operation => "*openapi3.Operation",
        Ty::Parameter => "*openapi3.Parameter",
        Ty::RequestBody => "*openapi3.RequestBody",
        Ty::Responses => "*openapi3.Responses",
        Ty::Response => "*openapi3.Response",
        Ty::MediaType => "*openapi3.MediaType",
        Ty::Example => "*openapi3.Example",
        Ty::SecurityScheme => "*openapi3.SecurityScheme",
        Ty::OAuthFlows => "*openapi3.OAuthFlows",
        Ty::OAuthFlow => "*openapi3.OAuthFlow",
        Ty::Schema => "*openapi3.Schema",
        Ty::Types => "*openapi3.Types",
        Ty::Discriminator => "*openapi3.Discriminator",
        Ty::Xml => "*openapi3.XML",
        Ty::Link => "*openapi3.Link",
        Ty::Encoding => "*openapi3.Encoding",
        Ty::Callback => "*openapi3.Callback",
    }
}

/// HTTP methods as `PathItem.Operations` names them, and the document's keys.
const METHODS: [(&str, &str); 9] = [
    ("CONNECT", "connect"),
    ("DELETE", "delete"),
    ("GET", "get"),
    ("HEAD", "head"),
    ("OPTIONS", "options"),
    ("PATCH", "patch"),
    ("POST", "post"),
    ("PUT", "put"),
    ("TRACE", "trace"),
];

/// A node of the document: the whole document and where the node is in it.
struct Node {
    doc: Rc<serde_json::Value>,
    /// A JSON pointer (`/paths/~1pets/get`).
    at: String,
    ty: Ty,
    /// An `XRef` (`.Ref`, `.Value`) rather than the object itself.
    reference: bool,
}

impl Node {
    fn json(&self) -> &serde_json::Value {
        self.doc.pointer(&self.at).unwrap_or(&serde_json::Value::Null)
    }

    /// The node at `key` below this one (`~` and `/` escaped, as JSON pointers want them).
    fn node(&self, key: &str, ty: Ty, reference: bool) -> Node {
        let mut at = self.at.clone();
        at.push('/');
        at.push_str(&key.replace('~', "~0").replace('/', "~1"));
        Node {
            doc: self.doc.clone(),
            at,
            ty,
            reference,
        }
    }

    fn child(&self, key: &str, ty: Ty, reference: bool) -> Value {
        Value::Object(Rc::new(self.node(key, ty, reference)))
    }

    /// Where a reference points (after `$ref`s to `$ref`s, at most 32), inside the document.
    fn target(&self) -> Option<String> {
        let mut at = self.at.clone();
        for _ in 0..32 {
            let node = self.doc.pointer(&at)?;
            match node.get("$ref").and_then(serde_json::Value::as_str) {
                Some(reference) => at = reference.strip_prefix('#')?.to_owned(),
                None => return Some(at),
            }
        }
        None
    }

    /// The value of a field of `kind` at `key` of this object.
    fn field(&self, key: &str, kind: Kind) -> Result<Value, String> {
        let json = self.json();
        let found = json.get(key).filter(|v| !v.is_null());
        let make = |ty, reference| match found {
            Some(_) => self.child(key, ty, reference),
            None => Value::Nil,
        };
        let items = |ty, reference| -> Result<Value, String> {
            let Some(serde_json::Value::Array(list)) = found else {
                return Ok(Value::list(Vec::new())?);
            };
            let node = self.node(key, ty, reference);
            Ok(Value::list((0..list.len()).map(|i| node.child(&i.to_string(), ty, reference)).collect())?)
        };
        let entries = |ty, reference| -> Result<Value, String> {
            let Some(serde_json::Value::Object(map)) = found else {
                return Ok(Value::map(Map::new())?);
            };
            let node = self.node(key, ty, reference);
            Ok(Value::map(crate::sorted::map(
                map.keys().map(|name| (name.clone(), node.child(name, ty, reference))),
            ))?)
        };
        Ok(match kind {
            Str => Value::from(found.and_then(serde_json::Value::as_str).unwrap_or("")),
            OptStr => found.and_then(serde_json::Value::as_str).map_or(Value::Nil, Value::from),
            Bool => Value::Bool(found.and_then(serde_json::Value::as_bool).unwrap_or(false)),
            Any => found.map_or(Value::Nil, Value::from_json),
            Ptr(go) => found.map_or_else(|| Value::Object(Rc::new(Pointer(go, None))), Value::from_json),
            ListPtr => match found {
                Some(list) => Value::Object(Rc::new(Pointer(
                    "*openapi3.SecurityRequirements",
                    Some(Value::from_json(list)),
                ))),
                None => Value::Nil,
            },
            List => match found {
                Some(list @ serde_json::Value::Array(_)) => Value::from_json(list),
                _ => Value::list(Vec::new())?,
            },
            Struct(ty) => make(ty, false),
            Ref(ty) => make(ty, true),
            Structs(ty) => items(ty, false)?,
            Refs(ty) => items(ty, true)?,
            StructMap(ty) => entries(ty, false)?,
            RefMap(ty) => entries(ty, true)?,
            Extensions => {
                let map = json.as_object().into_iter().flatten();
                Value::map(crate::sorted::map(
                    map.filter(|(k, _)| k.starts_with("x-"))
                        .map(|(k, v)| (k.clone(), Value::from_json(v))),
                ))?
            }
        })
    }

    /// The map of a `Paths` or `Responses` (its keys but the `x-` ones).
    fn entries(&self, ty: Ty) -> Result<Value, String> {
        let map = self.json().as_object().into_iter().flatten();
        Ok(Value::map(crate::sorted::map(
            map.filter(|(k, _)| !k.starts_with("x-"))
                .map(|(k, _)| (k.clone(), self.child(k, ty, ty == Ty::Response))),
        ))?)
    }
}

impl Object for Node {
    fn type_name(&self) -> &str {
        if self.reference {
            return match self.ty {
                Ty::Schema => "*openapi3.SchemaRef",
                Ty::Parameter => "*openapi3.ParameterRef",
                Ty::RequestBody => "*openapi3.RequestBodyRef",
                Ty::Response => "*openapi3.ResponseRef",
                Ty::Example => "*openapi3.ExampleRef",
                Ty::SecurityScheme => "*openapi3.SecuritySchemeRef",
                Ty::Link => "*openapi3.LinkRef",
                _ => "*openapi3.CallbackRef",
            };
        }
        type_name(self.ty)
    }

    fn arity(&self, name: &str) -> Arity {
        match (self.ty, name) {
            (Ty::Paths | Ty::Responses, "Value" | "Find" | "Status")
            | (Ty::Types, "Is" | "Includes" | "Permits") => Arity::Fixed(1),
            _ => Arity::Fixed(0),
        }
    }

    fn get(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        if self.reference {
            return Ok(Some(match name {
                "Ref" => Value::from(
                    self.json()
                        .get("$ref")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or(""),
                ),
                "Value" => match self.target() {
                    Some(at) => Value::Object(Rc::new(Node {
                        doc: self.doc.clone(),
                        at,
                        ty: self.ty,
                        reference: false,
                    })),
                    None => Value::Nil,
                },
                "Extensions" => self.field("", Extensions)?,
                _ => return Ok(None),
            }));
        }
        let arg = || args.first().map(Value::to_go_string).unwrap_or_default();
        let json = self.json();
        Ok(Some(match (self.ty, name) {
            (Ty::Paths, "Map") => self.entries(Ty::PathItem)?,
            (Ty::Responses, "Map") => self.entries(Ty::Response)?,
            (Ty::Paths | Ty::Responses, "Len") => {
                Value::int(self.json().as_object().map_or(0, |m| m.keys().filter(|k| !k.starts_with("x-")).count()) as i64)
            }
            (Ty::Paths, "Value" | "Find") => self.field(&arg(), Struct(Ty::PathItem))?,
            (Ty::Responses, "Value" | "Status") => self.field(&arg(), Ref(Ty::Response))?,
            (Ty::Responses, "Default") => self.field("default", Ref(Ty::Response))?,
            (Ty::PathItem, "Operations") => Value::map(crate::sorted::map(
                METHODS
                    .iter()
                    .filter(|(_, key)| json.get(*key).is_some_and(|op| !op.is_null()))
                    .map(|(method, key)| ((*method).to_owned(), self.child(key, Ty::Operation, false))),
            ))?,
            (Ty::Types, _) => {
                let types: Vec<&str> = match json {
                    serde_json::Value::String(one) => vec![one.as_str()],
                    serde_json::Value::Array(list) => list.iter().filter_map(serde_json::Value::as_str).collect(),
                    _ => Vec::new(),
                };
                let wanted = arg();
                match name {
                    "Slice" => Value::list(types.iter().map(|t| Value::from(*t)).collect())?,
                    "Is" => Value::Bool(types.len() == 1 && types[0] == wanted),
                    "Includes" => Value::Bool(types.contains(&wanted.as_str())),
                    "Permits" => Value::Bool(types.is_empty() || types.contains(&wanted.as_str())),
                    _ => return Ok(None),
                }
            }
            _ => match fields(self.ty).iter().find(|(go, _, _)| *go == name) {
                Some((_, key, kind)) => self.field(key, *kind)?,
                None => return Ok(None),
            },
        }))
    }
}

/// A Go pointer: a nil one prints `<nil>` and is false; one to a list is true even when the
/// list is empty, and ranges over it.
struct Pointer(&'static str, Option<Value>);

impl Object for Pointer {
    fn type_name(&self) -> &str {
        self.0
    }

    fn get(&self, _name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
        Ok(None)
    }

    fn truthy(&self) -> bool {
        self.1.is_some()
    }

    fn items(&self) -> Option<Value> {
        self.1.clone()
    }

    fn display(&self) -> String {
        match &self.1 {
            Some(list) => format!("&{}", list.to_go_string()),
            None => "<nil>".into(),
        }
    }
}

/// `openapi3.Unmarshal RESOURCE`: the document, or the error of decoding it.
pub(super) fn unmarshal(ctx: &mut FuncContext, args: &[Value]) -> Result<Value, String> {
    let [resource] = args else {
        return Err(format!("wrong number of args for Unmarshal: want 1 got {}", args.len()));
    };
    let (text, format) = resource_text(ctx, resource)?;
    let format = match format {
        Some(DataFormat::Yaml) => crate::front_matter::FrontMatterFormat::Yaml,
        Some(DataFormat::Json) => crate::front_matter::FrontMatterFormat::Json,
        _ => return Err(format!("no format found for {:?}", resource.type_name())),
    };
    let map = crate::front_matter::decode(format, &text).map_err(|e| e.message)?;
    Ok(Value::Object(Rc::new(Node {
        doc: Rc::new(serde_json::Value::Object(map)),
        at: String::new(),
        ty: Ty::Doc,
        reference: false,
    })))
}

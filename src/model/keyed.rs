//! Serialization of the catalog's maps as lists of their values (JSON object keys must be strings, and
//! each value already carries its name), rebuilt into maps on reading.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// A value that knows its own map key.
pub trait Keyed {
    type Key: Ord;
    fn key(&self) -> Self::Key;
}

pub fn serialize<K, V: Serialize, S: Serializer>(map: &BTreeMap<K, V>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(map.values())
}

pub fn deserialize<'de, V, D>(d: D) -> Result<BTreeMap<V::Key, V>, D::Error>
where
    V: Keyed + DeserializeOwned,
    D: Deserializer<'de>,
{
    let list = Vec::<V>::deserialize(d)?;
    Ok(list.into_iter().map(|v| (v.key(), v)).collect())
}

macro_rules! keyed {
    ($t:ty, $k:ty, |$v:ident| $e:expr) => {
        impl Keyed for $t {
            type Key = $k;
            fn key(&self) -> $k {
                let $v = self;
                $e
            }
        }
    };
}

keyed!(super::Schema, String, |v| v.name.clone());
keyed!(super::Role, String, |v| v.name.clone());
keyed!(super::TsParser, super::QName, |v| v.name.clone());
keyed!(super::TsTemplate, super::QName, |v| v.name.clone());
keyed!(super::Language, String, |v| v.name.clone());
keyed!(super::Transform, String, |v| v.name());
keyed!(super::Operator, (super::QName, String), |v| (v.name.clone(), v.signature()));
keyed!(super::EncodingConversion, super::QName, |v| v.name.clone());
keyed!(super::AccessMethod, String, |v| v.name.clone());
keyed!(super::OperatorFamily, (super::QName, String), |v| (v.name.clone(), v.method.clone()));
keyed!(super::OperatorClass, (super::QName, String), |v| (v.name.clone(), v.method.clone()));
keyed!(super::Extension, String, |v| v.name.clone());
keyed!(super::EnumType, super::QName, |v| v.name.clone());
keyed!(super::Sequence, super::QName, |v| v.name.clone());
keyed!(super::Table, super::QName, |v| v.name.clone());
keyed!(super::Index, super::QName, |v| v.name.clone());
keyed!(super::Constraint, String, |v| v.name.clone());
keyed!(super::View, super::QName, |v| v.name.clone());
keyed!(super::Function, (super::QName, String), |v| (v.name.clone(), v.identity_args.clone()));
keyed!(super::Trigger, (super::QName, String), |v| (v.table.clone(), v.name.clone()));
keyed!(super::Domain, super::QName, |v| v.name.clone());
keyed!(super::Policy, (super::QName, String), |v| (v.table.clone(), v.name.clone()));
keyed!(super::CompositeType, super::QName, |v| v.name.clone());
keyed!(super::Publication, String, |v| v.name.clone());
keyed!(super::RangeType, super::QName, |v| v.name.clone());
keyed!(super::Collation, super::QName, |v| v.name.clone());
keyed!(super::Aggregate, (super::QName, String), |v| (v.name.clone(), v.identity_args.clone()));
keyed!(super::Statistics, super::QName, |v| v.name.clone());
keyed!(super::Rule, (super::QName, String), |v| (v.table.clone(), v.name.clone()));
keyed!(super::EventTrigger, String, |v| v.name.clone());
keyed!(super::Cast, String, |v| v.name());
keyed!(super::TsDictionary, super::QName, |v| v.name.clone());
keyed!(super::TsConfiguration, super::QName, |v| v.name.clone());
keyed!(super::ForeignDataWrapper, String, |v| v.name.clone());
keyed!(super::ForeignServer, String, |v| v.name.clone());
keyed!(super::UserMapping, String, |v| v.key());
keyed!(super::Subscription, String, |v| v.name.clone());

//! Closed sets of choices, stored and exchanged as stable lowercase codes, never as
//! positions. One macro gives each set the same behaviour: parse with a field-named
//! error, serde as the code, and SQLite storage as the code.

/// Declares an enum whose variants map one-to-one to stable codes.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, { $($variant:ident = $code:literal),+ $(,)? }) => {
        // The caller's attributes come after the derives, so they may use the derives'
        // helper attributes (`ts(rename = ...)`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $(#[$meta])*
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The codes, in order: what drop-downs offer and [`Self::parse`] accepts.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a user-given code; the error names the field and the allowed codes.
            pub fn parse(value: &str) -> $crate::Result<Self> {
                let wanted = value.trim().to_ascii_lowercase().replace('-', "_");
                match wanted.as_str() {
                    $($code => Ok($name::$variant),)+
                    "" => Err($crate::Error::invalid(
                        $field,
                        format!(
                            "{} is required: one of {}",
                            $field.replace('_', " "),
                            [$($code),+].join(", ")
                        ),
                    )),
                    _ => Err($crate::Error::invalid(
                        $field,
                        format!(
                            "{} '{}' is not one of {}",
                            $field.replace('_', " "),
                            value,
                            [$($code),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                // Stored codes are exact (the schema checks them), so they are matched as
                // they are before the forgiving parse, which allocates: plans, overviews
                // and exports read one or more codes per row.
                match v.as_str()? {
                    $($code => Ok($name::$variant),)+
                    s => $name::parse(s)
                        .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e))),
                }
            }
        }
    };
}

pub(crate) use code_enum;

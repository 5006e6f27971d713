<?php
/** Loads the site as a page request would (plugin active, init run) and prints its blocks, shortcodes and translations. */
[$script, $dir, $site_url] = $argv;
$_SERVER['HTTP_HOST'] = parse_url( $site_url, PHP_URL_HOST ) . ':' . parse_url( $site_url, PHP_URL_PORT );
require $dir . '/wp-load.php';
global $shortcode_tags;
$registry = WP_Block_Type_Registry::get_instance();
$blocks   = array();
foreach ( $registry->get_all_registered() as $name => $type ) {
	if ( 0 !== strpos( $name, 'pgo-widgets/' ) ) {
		continue;
	}
	$expected        = pgo_widgets_block_attributes( pgo_widgets_elements()[ 'pgo-' . substr( $name, 12 ) ] );
	$blocks[ $name ] = array(
		'apiVersion'       => $type->api_version,
		'editorScript'     => $type->editor_script,
		'attributesMatch'  => array_intersect_key( $type->attributes, $expected ) == $expected && count( array_diff_key( $expected, $type->attributes ) ) === 0,
		'rendersCallback'  => is_callable( $type->render_callback ),
	);
}
// The plugin's texts in French, as a French site shows them (the site itself has no French core files,
// so the locale is set for plugins only, and the plugin's own loading reads languages/pgo-widgets-fr_FR.mo).
add_filter( 'plugin_locale', fn() => 'fr_FR' );
unload_textdomain( 'pgo-widgets' );
load_plugin_textdomain( 'pgo-widgets', false, 'pgo-widgets/languages' );
$french = array( __( 'Vote button', 'pgo-widgets' ), __( 'Consultation endpoint', 'pgo-widgets' ) );
echo wp_json_encode(
	array(
		'blocks'      => array_keys( $blocks ),
		'blockTypes'  => $blocks,
		'shortcodes'  => array_values( array_filter( array_keys( $shortcode_tags ), fn( $n ) => 0 === strpos( $n, 'pgo_' ) ) ),
		'elements'    => pgo_widgets_elements(),
		'french'      => $french,
	)
);

<?php
/** Loads the site as a page request would (plugin active, init run) and prints its blocks and shortcodes. */
[$script, $dir, $site_url] = $argv;
$_SERVER['HTTP_HOST'] = parse_url( $site_url, PHP_URL_HOST ) . ':' . parse_url( $site_url, PHP_URL_PORT );
require $dir . '/wp-load.php';
global $shortcode_tags;
echo wp_json_encode(
	array(
		'blocks'     => array_values( array_filter( array_keys( WP_Block_Type_Registry::get_instance()->get_all_registered() ), fn( $n ) => 0 === strpos( $n, 'pgo-widgets/' ) ) ),
		'shortcodes' => array_values( array_filter( array_keys( $shortcode_tags ), fn( $n ) => 0 === strpos( $n, 'pgo_' ) ) ),
		'elements'   => pgo_widgets_elements(),
	)
);
